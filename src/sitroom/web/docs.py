"""A plain API reference page built from the OpenAPI document, served without any CDN.

FastAPI's Swagger UI page pulls its script and styles from a CDN and is blank
offline; this page lists the same operations, parameters and responses as
static HTML, and links the machine-readable ``/openapi.json``.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

_STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; max-width: 960px; margin: 24px auto; padding: 0 16px; color: #1b1f24; }
h2 { font-size: 16px; margin-top: 24px; }
code { background: #f4f6f8; padding: 1px 4px; border-radius: 3px; }
.method { display: inline-block; min-width: 48px; font-weight: 700; }
table { border-collapse: collapse; width: 100%; margin: 4px 0; }
th, td { text-align: left; padding: 3px 8px; border-bottom: 1px solid #d8dde3; vertical-align: top; }
.muted { color: #5b6470; }
"""


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "any")
    return f"{kind} ({schema['format']})" if "format" in schema else str(kind)


def docs_page(spec: dict[str, Any]) -> str:
    info = spec.get("info", {})
    out = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        '<link rel="icon" href="data:,">',
        f"<title>{escape(info.get('title', 'API'))} API</title><style>{_STYLE}</style></head><body>",
        f"<h1>{escape(info.get('title', 'API'))} {escape(info.get('version', ''))} API</h1>",
        f"<p>{escape(info.get('description', ''))}</p>",
        '<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI '
        f"{escape(spec.get('openapi', '3'))}). Errors always read "
        '<code>{"error": {"code", "message", "detail"}}</code>.</p>',
    ]
    for path, operations in spec.get("paths", {}).items():
        for method, op in operations.items():
            out.append(
                f'<h2><span class="method">{escape(method.upper())}</span> <code>{escape(path)}</code></h2>'
            )
            if op.get("summary"):
                out.append(f"<p>{escape(op['summary'])}</p>")
            params = op.get("parameters", [])
            if params:
                out.append("<table><tr><th>parameter</th><th>in</th><th>type</th><th>about</th></tr>")
                for p in params:
                    schema = p.get("schema", {})
                    about = p.get("description") or schema.get("description") or ""
                    if "default" in schema:
                        about = f"{about} (default {schema['default']})".strip()
                    out.append(
                        f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p.get('in', ''))}</td>"
                        f"<td>{escape(_type(schema))}</td><td>{escape(about)}</td></tr>"
                    )
                out.append("</table>")
            codes = ", ".join(str(c) for c in op.get("responses", {}))
            out.append(f'<p class="muted">responses: {escape(codes)}</p>')
    out.append("</body></html>")
    return str(Markup("".join(out)))
