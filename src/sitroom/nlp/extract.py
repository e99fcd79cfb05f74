"""Extraction: from a recognised document to its mentions, one per event it tells of.

A report is read as a discourse, sentence by sentence. A sentence with an
event word that no cue blocks (see :mod:`sitroom.nlp.clauses`) gives a draft:
its type, the side that acted and the side acted upon, where, when, with what
and how many were hurt, each with the words that say so. A coordinated list
of places gives one draft per place. Later sentences that tell more of the
same event ("Hours later, another drone exploded outside the base") join the
draft they continue instead of making a new one, and a sentence that says
less than an earlier one (a country where the earlier said a base) adds only
its evidence. Dates that a sentence leaves out come from the event told just
before; relative dates resolve against the publication date.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sitroom import model
from sitroom.lexicon import WATER, Lexicon, Place
from sitroom.model import DAY, MONTH, WEEK, Document, Entity, Evidence, Mention
from sitroom.nlp import rx
from sitroom.nlp.actors import ActorPhrase, Salience, build_phrases, is_state, owner_after
from sitroom.nlp.casualties import casualties, total
from sitroom.nlp.classify import AERIAL, Typing, classify, weapon_names
from sitroom.nlp.clauses import DATELINE, Scope, blocked, compares, opens_period, perfect_before, scope_of
from sitroom.nlp.dates import DateExpr, resolve
from sitroom.nlp.places import (
    WENT_TO,
    Gazetteer,
    GeoContext,
    PlaceChoice,
    PlaceHit,
    choose_places,
    country_record,
    infobox_choice,
    infobox_places,
    offshore,
    place_hits,
    to_model_place,
    unlisted_place,
)

# How much a date is to be believed, highest first: said of the event itself; carried from the
# event told before; a date of the report ("officials said on Monday"); the publication date.
EXPLICIT, FRAME, REPORTED, PUBLISHED = 3, 2, 1, 0
_FROM_BEFORE = rx.compile(r"\bfrom\s+(?:the\s+|an?\s+)?$", re.IGNORECASE)
_CITY_PART = rx.compile(r"\b(?:district|neighbou?rhood|quarter|micro-?district)\b", re.IGNORECASE)
_NO_OBJECT_AFTER = rx.compile(r"\s*(?:[,;.:)]|$|and\s+\S+\s+(?:wounded|injured|missing)\b)", re.IGNORECASE)
_PASSIVE_BEFORE = rx.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# "targeted by American drones", "a drone strike carried out by the IRI" -- not "facilities used by KH"
_BY = rx.compile(
    r"^\s*(?:(?:was|were|been|being|is|are|reportedly|allegedly)\s+)*(?:(?:carried\s+out|conducted|launched|"
    r"claimed|fired|executed|mounted|staged|perpetrated|committed|ordered|led|undertaken)\s+)?by\s+(?:the\s+)?"
    # ("by more than a hundred terrorists", "by dozens of gunmen")
    r"(?:(?:more\s+than|at\s+least|about|some|over|nearly|up\s+to)\s+)?"
    r"(?:(?:a|an|\d[\d,]*)\s+(?:hundred|dozen|thousand)\s+|(?:dozens|scores|hundreds)\s+of\s+|\d[\d,]*\s+)?"
    r"(?:(?:armed|unidentified|unknown|suspected|heavily\s+armed)\s+)?$",  # ("by armed terrorist groups")
    re.IGNORECASE,
)
# "a strike on the militia", "a strike on the headquarters of a PMF unit": the side after is hit
_PATIENT_PREP = rx.compile(
    r"\b(?:against|on|at|targeting|toward|towards|into|upon)\s+(?:the\s+|a\s+|an\s+)?"
    r"(?:(?:[\w-]+\s+){1,2}of\s+(?:the\s+|a\s+|an\s+)?)?$"
    # "in the pursuit of the attackers, an air strike ...": those hunted, not who struck
    r"|\b(?:pursuit|hunt|search|tracking|chase)\s+(?:of|for)\s+(?:the\s+)?$",
    re.I,
)
# "members of", "fighters of": the people of the side named next
_PEOPLE_OF = r"(?:(?:members|fighters|officers|commanders|advisers|advisors|personnel)\s+of\s+(?:the\s+)?)?"
# "the building was used by members of the Revolutionary Guards": who held a place, not who acted;
# "a vehicle carrying members of Kataib Hezbollah": who was in it
_HELD_BY = rx.compile(
    r"(?:\b(?:carrying|transporting)\s+(?:\w+\s+)?|"
    r"\b(?:used|operated|run|held|controlled|owned|occupied|belonging|belonged)\s+(?:by|to)\s+(?:the\s+)?)"
    rf"{_PEOPLE_OF}$",
    re.IGNORECASE,
)
# "were both killed in a strike": the people before the event word were its victims.
_VICTIM_IN = rx.compile(r"\b(?:killed|died|injured|wounded|hurt)\s+(?:in|by|during)\s+(?:a|an|the)?\s*(?:\w+\s+){0,2}$"
                        # "a convoy of the army was the target of a complex attack": the subject was hit
                        r"|\b(?:was|were|is|are|been|became)\s+the\s+(?:targets?|victims?|object)\s+of\s+(?:a|an|the)?\s*(?:\w+\s+){0,2}$",
                        re.IGNORECASE)  # fmt: skip
# "a gathering of terrorists, which was engaged and destroyed by air strikes": the event word is the
# agent of a passive, whose subject was hit
_BY_AGENT_BEFORE = rx.compile(
    r"\b(?:was|were|been|being|is|are)\s+(?:[\w-]+\s+){0,3}?\w+(?:ed|en)\s+by\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# What may stand between an event word and the side it hit: a direct object ("attacked coalition
# forces", "killed over 200 civilians") or a preposition of the target ("strikes against ...").
_OBJECT_GAP = rx.compile(r"^\s*(?:(?:the|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                         r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-\w+)?|several|multiple|\d+|[\w-]+ed|at\s+least|"
                         r"more\s+than|over|some|dozens\s+of|its|their|senior|top|local|prominent|high-ranking|key|deputy|"
                         r"(?:convoy|patrol|column|unit|units|position|positions|base|camp|group|members?|"
                         r"leaders?|fighters|commanders?|officials?|officers?|chiefs?|heads?|founders?)\s+of)\s+)*$",
                         re.IGNORECASE)  # fmt: skip
_PREP_GAP = rx.compile(r"^\s*(?:[\w,-]+\s+){0,4}?(?:against|on|targeting|at|into|toward|towards|upon|that\s+hit)\s+"
                       r"(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)  # fmt: skip
# "strikes on three sites used by Kataib Hezbollah", "hit facilities belonging to the group":
# the side whose sites were hit is the one acted upon
_OWNED_GAP = rx.compile(r"^\s*(?:[\w,-]+\s+){0,7}?(?:(?:used|operated|held|controlled|run|occupied)\s+by|"
                        r"belonging\s+to|affiliated\s+with|linked\s+to)\s+(?:the\s+)?$", re.IGNORECASE)  # fmt: skip
# "struck two facilities near Abu Kamal that the IRGC uses to store weapons": the side named in a
# relative clause on the places struck is the one acted upon, however far the clause stands
_SITES = (r"(?:facilit(?:y|ies)|sites?|positions?|bases?|depots?|compounds?|buildings?|warehouses?|"
          r"headquarters|locations?|targets?|terminals?|camps?|command\s+posts?|storage\s+\w+)")  # fmt: skip
_RELATIVE_OWNER_GAP = rx.compile(
    rf"^[^.;]*?\b{_SITES}\b[^.;]*?\b(?:that|which)\s+(?:the\s+)?$", re.IGNORECASE
)
_USES_AFTER = rx.compile(r"^[^.;,]{0,90}?\b(?:use|uses|used|operate|operates|operated|run|runs|control|"
                         r"controls|controlled|occupy|occupies|occupied|hold|holds|held)\b", re.IGNORECASE)  # fmt: skip
# "The targets belonged to the Quds Force": a sentence after a strike saying whose places were hit
_OWNERS_OPENING = rx.compile(
    # (after whoever says so: "The Observatory said the building was used by members of ...")
    r"^(?:[^.;]*?\b(?:said|says|reported|added)\s+(?:that\s+)?)?"
    rf"\s*(?:(?:the|these|those|all|both|most|many|some|of)\s+)*(?:[\w-]+\s+){{0,2}}?{_SITES}\s+"
    r"(?:(?:that\s+were\s+)?(?:hit|struck|targeted|attacked)\s+)?(?:all\s+)?(?:belonged|belong|belongs|"
    r"(?:were|was|are|is)\s+(?:all\s+)?(?:used|operated|run|held|controlled))\s+(?:to|by)\s+(?:the\s+)?"
    rf"{_PEOPLE_OF}$",
    re.IGNORECASE,
)
# "blamed it on", "blamed the attack on the al Qaeda-linked ...", "attributed the strikes to"
_BLAMED_BEFORE = rx.compile(
    r"\b(?:(?:blamed|blames|blaming|pinned|pins)\s+(?:(?:it|them|(?:the|this|these|that|those|both)\s+\w+)\s+)?on|"
    r"(?:attributed|attributes|ascribed)\s+(?:(?:it|them|(?:the|this|these|that|those|both)\s+\w+)\s+)?"
    r"(?:by\s+(?:[\w'\u2019-]+\s+){1,3}?)?to)"  # ("was attributed by residents to the RSF")
    r"\s+(?:the\s+)?(?:[\w'\u2019]+\s+)?(?:[\w'\u2019]+-(?:linked|affiliated|aligned|allied|backed|inspired)\s+)?$",
    re.IGNORECASE,
)
# "the transitional government said in a statement": a statement of officials claims nothing
_OFFICIAL_SPEAKER = rx.compile(
    r"\b(?:government|ministry|minister|officials?|authorities|army|military|police|governor|president|"
    r"presidency|junta|pentagon|command|spokes(?:man|woman|person)\s+for\s+the\s+(?:army|government|military)|"
    r"mission|agency|council)\b(?:\s+(?:\w+\s+){0,3}?(?:said|says|stated|reported|added))?\s*,?\s*$",
    re.IGNORECASE,
)
# an event word in the past tense is a verb, whatever precedes it ("the gunship engaged", "the
# area struck"): only a noun ("the attack", "the strikes") refers back to an event told
_PAST_VERB = rx.compile(r"(?:ed|\bstruck|\bhit|\bshot down|\bfought|\bshot)$", re.IGNORECASE)
# the words between an event word and its object: "neutralised\" more than 100 terrorists"
_OBJECT_OF_WORD = rx.compile(
    r"^[\"\u201d']?\s+(?:more\s+than\s+|over\s+|at\s+least\s+|some\s+|about\s+|nearly\s+)?"
    r"(?:\d[\d,]*\s+|the\s+|a\s+|an\s+|several\s+(?:dozen\s+|hundred\s+)?|a\s+few\s+(?:dozen\s+)?|dozens\s+of\s+|"
    r"scores\s+of\s+|(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty)\s+)?$",
    re.IGNORECASE,
)
_CLAIMED_AN = rx.compile(
    r"^\s+(?:responsibility\s+for\s+)?(?:an?|two|three|several)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
_ITS_AFTER = rx.compile(r"\s+of\s+(?:its|their|our)\b", re.IGNORECASE)
_OWN_PEOPLE = rx.compile(
    r"\b(?:its|their|our|the\s+(?:group|movement|militia|faction)(?:'s|\u2019s))\s+(?:own\s+)?$",
    re.IGNORECASE,
)
# "a figure that could not be verified": a count no one vouches for
_UNVERIFIED = rx.compile(
    r"\b(?:could|can|has|have|was|were)\s+not\s+(?:be\s+|been\s+)?(?:independently\s+)?(?:verified|confirmed)|"
    r"\bunverified\b|\bunconfirmed\b",
    re.IGNORECASE,
)
# "combatants who were attempting to launch one-way attack drones": the target's weapons, not the strike's
_ABOUT_TO_LAUNCH = rx.compile(
    r"\b(?:attempting|preparing|prepared|trying|about|getting\s+ready|poised)\s+to\s+(?:launch|fire|use)\s+"
    r"(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)
_IT_SAID_ITS = rx.compile(r"^\s*(?:It|They)\s+(?:also\s+)?(?:said|says|added)\s+(?:that\s+)?(?:its|their)\s+")
_BLAMER_AFTER = rx.compile(
    r"^\s+(?:\w+\s+)?(?:blamed|blames|accused|accuses|condemned|condemns)\b", re.IGNORECASE
)
_INFINITIVE = rx.compile(r"\bto\s+$", re.IGNORECASE)
_WEEKDAY_NOUN = rx.compile(r"\s+(?:prayers?|sermons?|services?|mass|market|school)\b", re.IGNORECASE)
_WHEN_AFTER = rx.compile(r",?\s+when\b", re.IGNORECASE)
_FROM_HOLDER = rx.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
# "Feb. 1: Rockets were fired at ...": an item of a dated list, its own event
_DATED_ITEM = rx.compile(
    r"\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,\s+\d{4})?\s*[:\u2013\u2014]\s"
)
_ALONGSIDE = rx.compile(
    r"\b(?:accompanied|backed|supported|assisted|joined)\s+by\s+(?:(?:fighters|members|mercenaries|troops)\s+of\s+)?"
    r"(?:the\s+)?$",
    re.IGNORECASE,
)
_ATTACKING_TYPES = frozenset({"Explosions/Remote violence", "Battles", "Violence against civilians"})
_STARTED_IN = rx.compile(
    r"\s+in\s+(?:January|February|March|April|May|June|July|August|September|October|November|December|\d{4})\b"
)
_LISTED_WITH_COUNT = rx.compile(
    r"^\s*,?\s*(?:and|or)\s+(?:\d[\d,]*|[a-z]+)\s+(?:[a-z-]+\s+)?$", re.IGNORECASE
)
_COUNT_BETWEEN = rx.compile(
    r"^\s+(?:(?:more\s+than|over|at\s+least|about|some|nearly|almost)\s+)?(?:\d[\d,]*|[a-z]+)\s+(?:[a-z-]+\s+)?$",
    re.IGNORECASE,
)
_ALSO_BEFORE = rx.compile(r"\balso\s+$", re.IGNORECASE)
_PARTICIPLE_GAP = rx.compile(r"[^.;]{0,60},\s*$")  # "... 62 attacks on the region, " before "firing"
_AUTHOR_AFTER = rx.compile(r"\s+(?:carried\s+out\s+|conducted\s+|launched\s+)?by\b", re.IGNORECASE)
_OBJECT_REACH = 30  # characters from a verb to the weapon it must have as object ("dropped two guided bombs")
_DURING = rx.compile(r"\b(?:during|amid|in)\s+(?:the\s+)?$", re.IGNORECASE)
# "Residents said they heard explosions", "villagers had heard heavy bombardment": what witnesses
# perceived of an event the report has told, not another one
_PERCEIVED = rx.compile(r"\b(?:heard|hear|hearing|saw|seen|felt)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_SAME_DAY = rx.compile(
    r"\b(?:the\s+same\s+(?:day|night)|later\s+that\s+day|that\s+same\s+day)\b", re.IGNORECASE
)
_SEPARATELY = rx.compile(
    r"\s*(?:separately|in\s+a\s+separate\s+(?:incident|attack|development)|elsewhere)\b", re.IGNORECASE
)
# "the equipment the Houthis use to attack ships", "drones capable of ... designed to strike": a purpose
_PURPOSE = rx.compile(
    r"\b(?:use|uses|used|using|able|capable|means|order|designed|meant|intended|ready|prepared|preparing|poised)"
    r"\s+(?:\w+\s+)?to\s+$",
    re.IGNORECASE,
)
_LOOT_AFTER = rx.compile(
    r"\s+(?:some\s+|several\s+|their\s+|its\s+|the\s+)?(?:weapons|arms|ammunition|vehicles|equipment|munitions)\b",
    re.IGNORECASE,
)
_GROUND_AFTER = rx.compile(
    r"\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:headquarters|town|city|village|airport)\b",
    re.IGNORECASE,
)
_OF_THEM_BY = rx.compile(
    r"^\s+of\s+(?:(?!used\b|operated\b|held\b|run\b|owned\b|controlled\b)[\w-]+\s+){1,3}by\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_UNTIL_BEFORE = rx.compile(
    r"\b(?:continued|continuing|lasted|lasting|went\s+on)\s+(?:into|until|till|through)\s+$", re.IGNORECASE
)
_SINCE_BEFORE = rx.compile(r"\bsince\b(?![^.;]*\b(?:and|but)\b)", re.IGNORECASE)
_DAY_BEFORE = rx.compile(r"\b([0-3]?\d)\s+and\s+$")
_LIST_ITEM_GAP = rx.compile(
    r"^\s*(?:,\s*)?(?:(?:and|or)\s+)?(?:(?:in|at|on|near)\s+)?(?:the\s+(?:port|city|town|village|bay)\s+of\s+)?$"
)
_LIST_AND = rx.compile(r"\b(?:and|or)\b")
_DAY_LIST_GAP = rx.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+)(?:on\s+)?$")
_OTHERS_TOO = rx.compile(r"^(?:\w+\s+){0,2}?(?:other|more|further|additional)\b(?!\s+than)", re.IGNORECASE)
_CAME_AFTER = rx.compile(
    # (a vague lag only: "a day after" counts the day of the event told back from the other's)
    r"s?\s+(?:came|comes|happened|occurred|took\s+place)\s+(?:(?:just|only|some|several|a\s+few)\s+)?"
    r"(?:days|weeks|months)\s+(?:after|before)\b",
    re.IGNORECASE,
)
_AND_THE_REST = rx.compile(r"^\s+and\s+(?:[\w-]+\s+){0,3}(?:of\s+)?(?:the\s+)?$")
_ATTACKERS_AGAIN = rx.compile(
    r"^\s*The\s+(?:attackers|assailants|gunmen|raiders|militants|fighters|jihadists|insurgents)\b"
)
_PEOPLE_AFTER = rx.compile(
    r"\s+[\"\u201c\u201d']?(?:(?:more\s+than|at\s+least|about|around|some|several|dozens\s+of|scores\s+of|[\w-]+)\s+){0,3}?"
    r"[\"\u201c']?(?:terrorists?|militants?|fighters?|jihadists?|insurgents?|assailants?|attackers?|gunmen|rebels?|"
    r"soldiers?|troops|people|members)\b",
    re.IGNORECASE,
)
_PERSON_TAKEN = rx.compile(
    r"\s+(?:an?\s+|the\s+|two\s+|three\s+|several\s+)?(?:[\w-]+\s+){0,3}?(?:leaders?|commanders?|officials?|"
    r"members?|fighters?|militants?|suspects?|operatives?|financiers?|emirs?|man|men|woman|women|soldiers?|"
    r"hostages?)\b",
    re.IGNORECASE,
)
# "overran an army detachment", "seized the base": a raid on a post, fought and left, not ground
# held (ACLED codes the fight); a town or headquarters seized is ground taken
_POST_AFTER = rx.compile(
    r"\s+(?:parts?\s+of\s+)?(?:the\s+|a\s+|an\s+|its\s+)?(?:[\w-]+\s+){0,2}?(?:base|camp|garrison|barracks|post|outpost|checkpoints?|"
    r"detachment|positions?)\b",
    re.IGNORECASE,
)
_TAKEOVERS = frozenset({"Non-state actor overtakes territory", "Government regains territory"})
_SEVERAL = rx.compile(
    r"\b(?:(?:the|all|all\s+the)\s+(two|three|four|five|six)|(both)|all|all\s+the)\s+(?:[\w-]+\s+)?$", re.I
)
_OTHER_COUNT = rx.compile(
    r"\b(?:put|puts|putting|placed|places|gave|gives|giving)\s+(?:the|its|a|their)\s+(?:death\s+)?toll\s+at\s+$",
    re.IGNORECASE,
)
_JOINED_SIDE_GAP = rx.compile(
    r"^\s*(?:\([^)]{1,12}\)\s*)?and\s+(?:its\s+|their\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE
)
_INCLUDING_BEFORE = rx.compile(r"\bincluding\b[^.;:]*$", re.IGNORECASE)
_IN_EVENTS_GAP = rx.compile(r"^\s+(?:in|during|by)\s+(?:the\s+)?$")
_ACCOUNT_REACH = 8  # sentences back that "the attacks" of a claim or a blame may reach
_COUNT_OF = {"both": 2, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_AIR_DEFENCE = rx.compile(r"\bair[\s-]+defen[cs]e|\banti-aircraft|\binterceptors?\b", re.IGNORECASE)
_LAUNCHED_BY = rx.compile(r"\b(?:launched|fired|sent|flown)\s+by\s+(?:the\s+)?$", re.IGNORECASE)
_ITS_OWN = rx.compile(r"\b(?:its|their)\s+$", re.IGNORECASE)
_SAME_AREA = rx.compile(r"\b(?:in|near|around)\s+the\s+(?:same\s+)?(?:area|region|vicinity)\b", re.IGNORECASE)
_GOES_ON = rx.compile(
    r"\s+(?:continues|continue|persists|persist|rages|rage|is\s+continuing|are\s+continuing|"
    r"goes\s+on|go\s+on|is\s+ongoing|are\s+ongoing)\b",
    re.IGNORECASE,
)
_WHOM_FOUGHT = rx.compile(r"\s+(?:the\s+|against\s+(?:the\s+)?)?[A-Z]")
_BE_BEFORE = rx.compile(
    r"\b(?:is|are|was|were|been|be|began|begun|started|kept|continued)\s+$", re.IGNORECASE
)
_GENERIC = "unidentified_armed_group"  # the side of an act nobody is named for
_BLAME_REACH = 60  # how far before a name those words are looked for
# After the side blamed, the clause ends before the sentence's own event ("..., and on 12 March").
_BLAME_CLOSED = rx.compile(r"^(?:,[^,;]*)?(?:,\s*|;\s*)(?:and|while|then)\b(?![^,;]*\bfor\b)", re.IGNORECASE)
_ON_NEXT = rx.compile(r"\s+on\s")
_AND_IN_PLACE = rx.compile(r",\s+and\s+(?=(?:in|at|near|outside)\s+(?:the\s+)?[A-Z])")
_AND_THAT = rx.compile(r",\s+and\s+that\s+")
# "... attacked the village of Libiri, killing 21 people, before another group killed 18 in Kokorou"
_THEN_ANOTHER = rx.compile(r",\s+(?:before|after|while|as)\s+(?=(?:another|a\s+second|a\s+third|other)\b)")
# "... said several of its members were among the dead": the speaker's own people were hit
_REPORTED = rx.compile(r"\s+(?:said|says|announced|confirmed|acknowledged|reported)\b", re.IGNORECASE)
_OWN_DEAD = rx.compile(
    r"\b(?:its|their)\s+(?:own\s+)?(?:members|fighters|men|personnel|commanders?|leaders?|officers)\s+"
    r"(?:had\s+been|were|was)\s+(?:among\s+the\s+(?:dead|killed|casualties)|killed)\b",
    re.IGNORECASE,
)
# "a Kataib Hezbollah commander", "two Hamas fighters": people of the side just named -- not
# "a Hamas official said", who tells of it
# "killing two people whom officials described as members of the PKK", "killing 38, 36 of them
# Syrian soldiers"
_MEMBERS_BEFORE = rx.compile(
    r"\b(?:(?:members?|fighters?|militants?|operatives?|commanders?|leaders?|advisers?|advisors?|officers?)\s+(?:of|in)\s+(?:the\s+)?"
    r"|(?:\d+|[a-z]+)\s+of\s+(?:them|whom)\s+(?:were\s+)?)$",
    re.IGNORECASE,
)
_RANK_AFTER = rx.compile(
    r"\s+(?:senior\s+|top\s+|local\s+|field\s+|military\s+)?(?:commanders?|leaders?|members?|"
    r"fighters?|operatives?|advisers?|advisors?|officers?)\b(?!\s+(?:said|says|told|reported|confirmed)\b)",
    re.IGNORECASE,
)
_BETWEEN_BEFORE = rx.compile(r"\bbetween\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_AND_GAP = rx.compile(r"^\s*(?:\([^)]{1,24}\)\s*)?,?\s*and\s+(?:the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_HAD = r"had\s+(?:\w+ly\s+|also\s+|already\s+)?$"  # a pluperfect's auxiliary, just before its verb
_PLUPERFECT = rx.compile(rf"\b{_HAD}", re.IGNORECASE)
# "it had struck", "its forces had struck": the speaker's own act
_OWN_ACCOUNT = rx.compile(
    rf"\b(?:it|they|we|(?:its|their|our)\s+(?:\w+\s+)?(?:forces|troops|units|aircraft|army))\s+{_HAD}",
    re.IGNORECASE,
)
# the words either of the two sentences _owner_for_recent reads must hold, tested first
_OWNERS_HINT = rx.compile(
    r"belong|\b(?:used|operated|run|held|controlled)\s+by\b|\b(?:its|their)\s+(?:own\s+)?(?:members|fighters|men|"
    r"personnel|commanders?|leaders?|officers)\b",
    re.IGNORECASE,
)
_BLAME_WORD = rx.compile(r"\b(?:blam|attribut|ascrib|pin|assess|believe)", re.IGNORECASE)  # a cheap test
_BLAMED_OBJECT = rx.compile(
    r"\b(?:(?:blamed|blames|blaming)|(?:assess|assessed|believe|believed)\s+(?:that\s+)?(?:it|this|the\s+attack)\s+was)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)  # "officials blamed X", "we assess it was X"
# "said it struck", "said its forces destroyed": the speaker's own side acted
_PRONOUN = rx.compile(
    r"^\s*(?:,\s*)?(?:on\s+\w+\s+)?(?:that\s+)?"
    # ("said that units of its Centre group of forces had liberated ...": its own forces)
    r"(?:(?:units|forces|troops|fighters|soldiers|members)\s+of\s+)?(?:it|they|we|he|she|its|their|our)\b",
    re.IGNORECASE,
)
_FROM = rx.compile(r"\bfrom\s+(?:the\s+)?(?:\w+\s+){0,3}$", re.IGNORECASE)
_LEAD_SENTENCES = 3
# An event a report dates only by a month that ended longer ago than this is the background it
# recalls, not news it brings ("in June 2022"); "in July", told in mid-August, is still news.
_HISTORY_DAYS = 45
# A speaker's label opening a turn of a transcript; group 1 when a reporter is asking.
_SPEAKER = rx.compile(r"^\s*(?:(Q|QUESTION|REPORTER|JOURNALIST)|[A-Z][A-Z.'\u2019 -]{1,40})\s*:\s")
_QUESTION = rx.compile(r"\?[\s\"'\u201d\u2019)]*$")
# "the attack", "these strikes"; not "that" opening a clause ("said that they had bombed ...")
_DEFINITE = rx.compile(
    r"\b(?:the|that(?!\s+(?:they|it|he|she|we|i|you|there|had|has|have|was|were|is|are)\b)"
    r"|this|these|those|such|its|their|both|all)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# Weapons that were hit, not used: "stores of rockets, missiles and drones", "drone storage sites".
_STOCK_BEFORE = rx.compile(r"\b(?:stores|stockpiles?|caches?|depots?|storage|factor(?:y|ies)|workshops?|locations|facilities)\s+"
                           r"(?:of|for)\s+(?:[\w-]+(?:,|\s+and|\s+or)?\s+){0,4}$"
                           # "sites where the Houthis store the missiles": weapons kept there, not used
                           r"|\b(?:store|stores|stored|storing|stockpile|stockpiled|hide|hides|hid|keep|keeps)\s+"
                           r"(?:the\s+|their\s+|its\s+)?$", re.IGNORECASE)  # fmt: skip
# (also for the first of two: "drone and missile launch sites")
_STOCK_AFTER = rx.compile(r"(?:\s*(?:,|and|or)\s+[\w-]+)?\s+(?:storage|stores|depots?|factor(?:y|ies)|production|"
                          r"warehouses?|workshops?|capabilit(?:y|ies)|launch\s+(?:sites?|facilities|pads?))\b", re.IGNORECASE)  # fmt: skip
_BREACH_AFTER = rx.compile(r"\s+to\s+(?:breach|blow\s+(?:open|up)\s+the|force\s+(?:a\s+)?(?:way|entry)|open\s+(?:a\s+)?(?:way|breach))\b",
                           re.IGNORECASE)  # fmt: skip
# "missiles fired from strategic bombers", "launched from Tu-95 aircraft": what carried the weapon
_PLATFORM_BEFORE = rx.compile(
    r"\b(?:fired|launched|dropped)\s+(?:from|by)\s+(?:the\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "a demonstration of the United States' ability", "a show of force": what was shown, not who gathered
_SHOWING_OF = rx.compile(
    r"\s+of\s+(?:[\w.'\u2019-]+\s+){0,4}?(?:ability|abilities|capability|capabilities|resolve|strength|power|"
    r"force|might|reach|commitment|determination|readiness|prowess)\b",
    re.IGNORECASE,
)
# An event word used as a modifier of the noun after it: "fighting vehicles", "attack helicopters".
_MODIFIED_NOUN = rx.compile(
    r"\s+(?:vehicles?|aircraft|helicopters?|age|season|capabilit(?:y|ies)|packages?|sirens?|alerts?|warnings?|shelters?)\b"
    r"|\s+power\b",  # "the military, which seized power in July 2023": a coup told in passing
    re.IGNORECASE,
)
_CAPITAL = rx.compile(r"\bthe\s+(?:country's\s+)?capital\b(?!\s+of\b)", re.IGNORECASE)
# "No group claimed the blast", "There was no immediate claim of responsibility"
_NO_CLAIM = rx.compile(
    r"\b(?:no(?:\s+(?:one|group|side|faction|organi[sz]ation))?|nobody)\s+(?:has\s+|had\s+)?(?:yet\s+|immediately\s+)?"
    r"claimed\b|\bno\s+(?:immediate\s+)?claim\s+of\s+responsibility\b|\bunclaimed\b",
    re.IGNORECASE,
)
_AUTHOR_UNKNOWN = rx.compile(
    r"\b(?:it\s+(?:is|was|remains)\s+(?:not\s+(?:yet\s+)?(?:known|clear)|unclear|unknown)\s+who\b|"
    r"\bno\s+one\s+knows\s+who\b)",
    re.IGNORECASE,
)
_INCLUDING = rx.compile(r"\b(?:including|among\s+them|most\s+of\s+them|mostly|many\s+of\s+them)\s+(?:\w+\s+)?$",
                        re.IGNORECASE)  # fmt: skip
_DEBRIS_BEFORE = rx.compile(
    r"\b(?:debris|wreckage|fragments|remnants)\b(?:\s+[\w-]+){0,3}\s+$", re.IGNORECASE
)
_UNKNOWN_BEFORE = rx.compile(r"\b(?:unidentified|unknown|unmarked)\s+$", re.IGNORECASE)
_PART_OF = rx.compile(
    r"\b(?:most|some|many|several|part|all\s+but\s+\w+)\s+of\s+(?:the|them)\b", re.IGNORECASE
)
_PLACE_ANAPHOR = rx.compile(
    r"\b(?:(?:the|that)\s+(?:town|city|village|base|camp|garrison|airport|compound|dam|palace)(?:'s)?(?!\s+of\s+[A-Z])"
    r"|(?:in|of|around)\s+(?:the\s+)?(?:nearby|surrounding|neighbouring|neighboring)\s+(?:villages?|areas?|towns?)"
    r"(?!\s+of\s+[A-Z]))\b",  # ("in the nearby village of Kokorou" names its own)
    re.I,
)
_HURT = rx.compile(
    r"\b(?:kill|dead|died|death|lives|fatalit|injur|wound|hurt|casualt|hospitali|toll|safe\b|unharmed|unhurt|uninjured|accounted for)",
    re.IGNORECASE,
)
_RANGE_BEFORE = rx.compile(r"\b(?:between|from)\s+[\w ,.]{1,20}?\s+(?:and|to|until)\s+$", re.IGNORECASE)
_INFOBOX_DATE = rx.compile(r"^\s*(?:-\s*)?Dates?\b\s*:?", re.IGNORECASE)
_FURNITURE_REF = rx.compile(r"^\s*(?:\^|\d+\.\s*\^|\[\d+\])")


@dataclass(slots=True)
class Draft:
    """A mention being built; internal to this stage, turned into a frozen Mention at the end."""

    sentence: int
    paragraph: int
    event_type: str
    sub_event_type: str
    weak_type: bool
    harm: bool
    actor1: str | None = None
    actor1_named: bool = False
    actor2: str | None = None
    actor2_named: bool = False
    assoc1: str | None = None
    assoc2: str | None = None
    place: PlaceChoice | None = None
    place_explicit: bool = False
    day: date | None = None
    precision: int | None = None
    date_strength: int = -1
    weapons: list[str] = field(default_factory=list)
    fatalities: int | None = None
    injuries: int | None = None
    claimed: bool = False
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float = 0.5
    background: bool = False  # told in passing as the cause or context of another event
    anaphoric: bool = False  # "the attack", "these strikes": refers back to an event already told
    hit_named: bool = False  # the side hit follows the event word ("the attack on the army's position")
    blamed: bool = False  # actor1 is the side the sentence blames ("blamed both attacks on JNIM")
    plural: bool = False  # refers back to several events at once ("both attacks", "all three strikes")
    several: int = 0  # how many, where the words say ("all three attacks": 3)
    separate: bool = False  # "Separately, ...": a new event, never more of the one just told
    landed: bool = False  # the words say something was hit ("struck the refinery", "impacted")
    in_flight: bool = False  # stopped in the air ("shot down", "intercepted"), not destroyed on the ground
    refined: bool = False  # a country-wide account whose places later sentences told one by one
    wide: Draft | None = None  # the country-wide account this one places (see refined)
    claimed_toll: bool = False  # the toll is the acting side's own claim (see _absorb)
    retold_in: int = -1  # the last paragraph that told of it again
    headline: bool = False  # told by the report's title, which sums up what its body tells
    unclaimed: bool = False  # "No group claimed the blast": no side the report blames elsewhere did it
    author_unknown: bool = False  # "It is not known who carried out the strike": no side is guessed
    listed: int = -1  # where the list of places it was drawn from begins ("Niono and Molodo"), if any
    # where its weapons were fired from ("from a truck near Zummar"), with the words that say so
    launched_from: tuple[PlaceChoice, Evidence] | None = None

    def copy(self) -> Draft:
        """A shallow copy (what copy.copy gives, without its generic protocol)."""
        new = object.__new__(Draft)
        for name in Draft.__slots__:
            setattr(new, name, getattr(self, name))
        return new


@dataclass(frozen=True, slots=True)
class DocDates:
    """What relative dates of one document resolve against."""

    reference: date | None  # the publication date, or one the text gives
    lead: tuple[date, int] | None  # the first date the document gives, furniture included


@dataclass(slots=True)
class _Reading:
    """What a reader keeps in mind while going through one document."""

    doc: Document
    by_sentence: list[list[Entity]]
    geo: GeoContext
    dates: DocDates
    salience: Salience
    last_year: int | None
    drafts: list[Draft] = field(default_factory=list)
    recent: Draft | None = None  # the event the report is telling of now
    aside: Draft | None = None  # an earlier event the sentence of ``recent`` told in passing
    pending: tuple[int, PlaceChoice, tuple | None, list[Entity]] | None = None  # a place said just before
    agents: Counter[str] = field(default_factory=Counter)  # who the report has shown acting
    home: str | None = None  # the country code the report is most about ("the army" is its army)
    last_place: PlaceChoice | None = None  # the last town or base named: "the town" refers back to it
    local_places: list[Place] = field(default_factory=list)  # an infobox's places the gazetteer lacks
    filed_in: str | None = None  # the country code of the dateline ("SANAA --"): "the capital" is its capital
    summary: int = -1  # the last sentence that counted many events ("carried out 412 attacks on 26 towns")
    heading: tuple[int, date, int] | None = None  # (sentence, day, precision) of a dated heading line


def _reported_by(
    phrases: list[ActorPhrase], ents: list[Entity], pos: int
) -> tuple[int | None, ActorPhrase | None]:
    """The last report word before ``pos`` ("said", "claimed") and the side speaking there."""
    report = max((e.start for e in ents if e.kind == "cue" and e.end <= pos
                  and e.attr("type") in ("report", "claim")), default=None)  # fmt: skip
    return report, (_speaker(phrases, report) if report is not None else None)


def _speaker(phrases: list[ActorPhrase], before: int, named: bool = False) -> ActorPhrase | None:
    """Who speaks: the last side (acting or possessing, and named where ``named``) told before the
    report word at ``before`` ("the ministry said ...", "JNIM said ...")."""
    return next(
        (
            p
            for p in reversed(phrases)
            if p.end <= before and (p.named or not named) and p.role in ("actor", "possessor")
        ),
        None,
    )


def _focus(ctx: _Reading, d: Draft) -> Draft | None:
    """The event a new account goes on with: the one just told, or the one its sentence told in
    passing where the new words fit that one and not the other ("The strikes were a response to an
    attack on Erbil Air Base by a drone ... The group claimed the drone attack": the drones')."""
    recent, aside = ctx.recent, ctx.aside
    if recent is None or aside is None or not (d.anaphoric or d.place is None):
        return recent

    def fit(told: Draft) -> int:
        return (
            bool(d.weapons and set(d.weapons) & set(told.weapons))
            + bool(d.actor2 and d.actor2 == told.actor2)
            + bool(d.actor1 and not d.actor1.startswith("unidentified_") and d.actor1 == told.actor1)
        )

    return aside if fit(aside) > fit(recent) else recent


def _after_summary(ctx: _Reading) -> bool:
    """Whether a count of many events was told after the event the report was telling of: the
    casualties told next are the count's, not that event's."""
    return ctx.recent is not None and ctx.summary > ctx.recent.sentence


class Extractor:
    """Stage: turns a segmented, recognised Document into one with mentions."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.gaz = Gazetteer(lexicon)
        # the names of armed groups, to know a group's own statement by its publisher
        self._group_names = {
            " ".join(n.casefold().split()): a.id
            for a in lexicon.actors.values() if a.armed_non_state
            for n in (a.name, *a.aliases) if len(n) >= 4
        }  # fmt: skip
        self._group_name_words = max((len(n.split()) for n in self._group_names), default=0)
        # the names of countries and of their state forces, to know whose army is speaking
        state_names = {(" ".join(n.casefold().split()), c.code) for c in lexicon.countries.values()
                       for n in (c.name, *c.aliases, *c.demonyms) if len(n) >= 4}  # fmt: skip
        for c in lexicon.countries.values():
            force = lexicon.actors.get(c.state_force or "")
            if force is not None:
                state_names |= {(" ".join(n.casefold().split()), c.code) for n in (force.name, *force.aliases)
                                if len(n) >= 4}  # fmt: skip
        self._state_names = sorted(state_names)

    def __call__(self, doc: Document) -> Document:
        return replace(doc, mentions=tuple(self.mentions(doc)))

    # -- the document ------------------------------------------------------------------

    def mentions(self, doc: Document) -> list[Mention]:
        by_sentence: list[list[Entity]] = [[] for _ in doc.sentences]
        for e in doc.entities:
            by_sentence[e.sentence].append(e)
        prose = [i for i, s in enumerate(doc.sentences) if not _furniture(s)]
        dates = self._doc_dates(doc, by_sentence)
        geo = GeoContext(self.lex, [e for i in prose for e in by_sentence[i]])
        top = max(geo.home_weights.items(), key=lambda kv: kv[1], default=(None, 0))[0]
        home = self.lex.country(top)
        ctx = _Reading(
            doc=doc,
            by_sentence=by_sentence,
            geo=geo,
            home=home.code if home else None,
            dates=dates,
            salience=Salience(self.lex),
            last_year=dates.reference.year if dates.reference else None,
        )
        ctx.filed_in = self._dateline_country(doc, by_sentence, prose)
        ctx.salience.speaker = self._speaking_state(doc)
        ctx.local_places = infobox_places(doc.sentences, by_sentence, self.lex)
        asking, turn, body_begun = False, -1, False
        title = " ".join((doc.title or "").split())
        for i, sent in enumerate(doc.sentences):
            for e in by_sentence[i]:
                if (
                    e.kind == "date"
                    and e.attr("expr").year
                    and not _SINCE_BEFORE.search(doc.text, max(sent.start, e.start - 80), e.start)
                ):
                    # (not the year of what a period began with: "struck repeatedly since Ukraine's
                    # incursion in August 2024. Nine days earlier, on 4 April, ...")
                    ctx.last_year = e.attr("expr").year
            heading = _date_heading(sent, by_sentence[i], ctx.dates.reference) if body_begun else None
            if heading is not None:
                ctx.heading = (i, *heading)  # "Tuesday, 24 October": the day of the entries below it
                continue
            # (a date line above the body, "Aug. 15, 2024" under a release's title, is the page's own)
            body_begun = body_begun or len(sent.text) > 80
            if _furniture(sent):
                continue
            label = _SPEAKER.match(sent.text)
            if label is not None:
                asking, turn = label.group(1) is not None, sent.paragraph
            elif sent.paragraph != turn:
                asking = False
            if asking or _QUESTION.search(sent.text):
                continue  # a question, or a reporter's turn in a briefing: asked, not told
            headline = bool(title) and " ".join(sent.text.split()) == title
            told_here = False  # the sentence's own event has been told
            for d in self._sentence(ctx, i):
                d.headline = headline
                if (
                    d.plural
                    and d.actor1_named
                    and (d.blamed or d.claimed)
                    and _spread_to_account(ctx.drafts, d, self.gaz)
                ):
                    continue
                recent = ctx.recent
                if (
                    d.blamed
                    and d.anaphoric
                    and d.actor1_named
                    and d.place is None
                    and recent is not None
                    and d.actor1 is not None
                    and _blame_open(recent)
                ):
                    # "President Zelenskiy blamed Russia for the attack": the side blamed acted
                    words = next((e for e in d.evidence if e.field == "actor1"), None)
                    _lay_blame(recent, d.actor1, True, words)
                    continue
                if (
                    d.sub_event_type == "Looting/property destruction"
                    and recent is not None
                    and recent.event_type in _ATTACKING_TYPES
                    and i - recent.sentence <= 2
                    and (d.day is None or d.day == recent.day)
                    and _ATTACKERS_AGAIN.match(sent.text)
                ):
                    continue  # "The attackers also set fire to three trucks": done in the attack just told
                touched = _merge_into(ctx.drafts, d, self.gaz, None if d.separate else _focus(ctx, d))
                if (
                    touched is not None
                    and touched is not d
                    and (d.anaphoric or d.place is None)
                    and d.weapons
                ):
                    # "The strikes, carried out by aircraft, ...", "Cruise missiles were used": said
                    # of every event of the sentence referred to ("struck targets in Iraq and
                    # Syria": one in each)
                    for other in _told_with(ctx.drafts, touched):
                        if not other.weapons:
                            other.weapons = list(d.weapons)
                if touched is not None:
                    # told in passing: an earlier event in the background of the sentence that told its
                    # own, or a claim of an attack not yet told as one ("The IRI claimed the drone
                    # attack", after strikes that answered it)
                    passing = (
                        told_here
                        if d.background
                        else d.claimed and d.anaphoric and touched is d and ctx.recent is not None
                    )
                    if not passing:
                        # (the one told in passing, now told of again, trades places with the other)
                        ctx.recent, ctx.aside = touched, (ctx.recent if touched is ctx.aside else None)
                    else:
                        # (an earlier event told in passing is not what the next sentence goes on with:
                        # "The strikes were a response to an attack earlier that day on Erbil Air Base")
                        ctx.aside = touched
                    told_here = told_here or not d.background
                    if (
                        touched.actor1
                        and touched.sub_event_type != "Disrupted weapons use"
                        and touched.event_type in _ATTACKING_TYPES
                    ):
                        # (stopping an attack is not attacking, nor is arresting suspects)
                        ctx.agents[touched.actor1] += 1
            if ctx.recent is not None and _AUTHOR_UNKNOWN.search(sent.text):
                ctx.recent.unclaimed = ctx.recent.author_unknown = True
        _fold_headlines(ctx.drafts)
        _place_wide_tolls(ctx.drafts)
        _fold_month_summaries(ctx.drafts)
        own = self._publishing_group(doc)
        signed = next((e for e in doc.entities if e.kind == "actor" and e.ref == own), None) if own else None
        for d in ctx.drafts if own is not None else ():
            if (d.actor1 is None or d.actor1.startswith("unidentified_")) and d.event_type in (
                "Explosions/Remote violence",
                "Battles",
            ):
                # "First: targeting the ship X": the group's own operation
                d.actor1, d.actor1_named = own, True
            if d.actor1 == own and d.sub_event_type != "Disrupted weapons use" and not d.claimed:
                d.claimed = True  # the group's own statement of what its fighters did claims it
                if signed is not None:
                    d.evidence.append(_evidence(doc, signed.start, signed.end, "claimed_by"))
        return [m for d in ctx.drafts if (m := self._mention(ctx, d)) is not None]

    def _publishing_group(self, doc: Document) -> str | None:
        """The armed group whose own statement the document is ("Islamic Resistance in Iraq
        (Telegram)"), where its publisher begins with the group's name."""
        words = re.sub(r"[(),;:|]", " ", (doc.publisher or "").casefold()).split()
        for k in range(min(len(words), self._group_name_words), 0, -1):  # the longest name first
            ref = self._group_names.get(" ".join(words[:k]))
            if ref is not None:
                return ref
        return None

    def _speaking_state(self, doc: Document) -> str | None:
        """The country whose ministry of defence, army or general staff published the report
        ("Ministry of Defence of the Russian Federation", "General Staff of the Armed Forces of
        Ukraine"), by the longest state force or country name in its publisher."""
        publisher = " ".join((doc.publisher or "").casefold().split())
        if not publisher or not _MILITARY_BODY.search(publisher):
            return None
        best: tuple[int, str] | None = None
        for key, code in self._state_names:
            if (
                len(key) > (best[0] if best else 0)
                and key in publisher  # (a plain look first: the names are many)
                and re.search(rf"\b{re.escape(key)}\b", publisher)
            ):
                best = (len(key), code)
        return best[1] if best else None

    def _dateline_country(
        self, doc: Document, by_sentence: list[list[Entity]], prose: list[int]
    ) -> str | None:
        """The country of the place a report was filed from, where its first lines carry a dateline."""
        for i in prose[:_LEAD_SENTENCES]:
            sent = doc.sentences[i]
            m = DATELINE.match(sent.text)
            if m is None:
                continue
            for e in by_sentence[i]:
                p = self.lex.places.get(e.ref) if e.kind == "place" else None
                if p is not None and e.start < sent.start + m.end() and p.country_code:
                    return p.country_code
        return None

    def _doc_dates(self, doc: Document, by_sentence: list[list[Entity]]) -> DocDates:
        reference = doc.published
        # The first dated line of an infobox ("Date: 24 August 2024") says best when the document's
        # event was; failing that the first full date of the prose, then of any line.
        ranked: list[tuple[int, int, tuple[date, int]]] = []
        prose_seen = 0
        for i, ents in enumerate(by_sentence):
            sent = doc.sentences[i]
            rank = 0 if _INFOBOX_DATE.match(sent.text) else 2 if _furniture(sent) else 1
            if not _furniture(sent):
                prose_seen += 1
            if rank and prose_seen > _LEAD_SENTENCES:
                continue  # a date deep in the text belongs to what is told there, not to the report
            periods = [c.end for c in ents if c.kind == "cue" and c.attr("type") == "period"]
            for e in ents:
                expr: DateExpr | None = e.attr("expr") if e.kind == "date" else None
                if expr is not None and any(0 <= e.start - end <= 60 for end in periods):
                    continue  # "the deadliest since the military seized power in July 2023"
                if expr is not None and expr.kind == "absolute" and (expr.year or reference is not None):
                    # ("what the enemy hit on 13 June" in a post of 14 June: the year of the post)
                    d, p = resolve(expr, None if expr.year else reference)
                    if d is not None:
                        ranked.append((rank, i, (d, p)))
                        break
        lead = min(ranked)[2] if ranked else None
        if reference is None:
            reference = self._war_anchor(doc, by_sentence)
        return DocDates(reference, lead)

    def _war_anchor(self, doc: Document, by_sentence: list[list[Entity]]) -> date | None:
        """ "the aggression on Gaza for 91 days", "day 91 of the war": a day a war's start fixes."""
        for ents in by_sentence:
            for e in ents:
                if e.kind != "war":
                    continue
                start = date.fromisoformat(str(self.lex.terms[e.ref].attrs["start"]))
                window = doc.text[max(0, e.start - 40) : e.end + 30]
                m = re.search(r"\bfor\s+(\d{1,4})\s+days\b|\bday\s+(\d{1,4})\b", window, re.IGNORECASE)
                if m:
                    n = int(m.group(1) or m.group(2))
                    return start + timedelta(days=n - 1 if m.group(2) else n)
        return None

    # -- one sentence ------------------------------------------------------------------

    def _sentence(self, ctx: _Reading, i: int) -> list[Draft]:
        sent = ctx.doc.sentences[i]
        ents = ctx.by_sentence[i]
        cues = [e for e in ents if e.kind == "cue"]
        kinds = {e.kind for e in ents}
        if "trigger" not in kinds:
            # no event told here; still read it if it names sides or a place, or may add the
            # casualties or the claim of the event just told ("No casualties were reported.")
            if ctx.recent is not None or kinds & {"actor", "place"}:
                self._quiet_sentence(ctx, i, ents, scope_of(sent.start, sent.text, cues), cues)
            return []
        scope = scope_of(sent.start, sent.text, cues)
        if ctx.recent is not None and _BLAME_WORD.search(sent.text):
            # "The United States blamed Kataib Hezbollah, an Iran-backed militia, and on 12 March
            # American aircraft struck ...": a blame for the attack just told, then an event of its own
            first = min(e.start for e in ents if e.kind == "trigger")
            self._blamed_for_recent(ctx, i, ents, scope, until=first)
        parts = _coordinated_parts(sent.start, sent.text, ents)
        if parts is None:
            drafts = self._clause(ctx, i, ents, scope, is_main=True)
            listed = self._listed_days(ctx, ents, scope) if drafts else []
            if listed:
                drafts = [x for d in drafts for x in self._each_day(ctx, d, listed)]
        else:
            # "One person was killed in Lviv, and in Kharkiv a strike wounded three": each part
            # tells its own event, with its own place and toll
            drafts = []
            for a, b in parts:
                inner = [e for e in ents if a <= e.start and e.end <= b]
                part = scope_of(a, ctx.doc.text[a:b], [e for e in inner if e.kind == "cue"])
                drafts.extend(self._clause(ctx, i, inner, part, is_main=True))
        # A background phrase that dates what it tells ("The strikes followed Tuesday's barrage, in
        # which ... shot down 18 drones") tells of an event of its own; "in response to the attacks"
        # or "a day after Russia launched strikes" do not pin one down.
        for a, b in scope.background:
            if (a, b) in scope.periods:
                continue
            inner = [
                e for e in ents if a <= e.start and e.end <= b and not (e.kind == "cue" and e.start == a)
            ]
            # "The strikes came a day after IS fighters attacked a post in X": the day before the
            # event the sentence tells
            lag = next((e.attr("expr").offset_days for e in ents if e.kind == "date" and e.start <= a < e.end
                        and e.attr("expr").kind == "frame" and _LAG_AFTER.search(e.text)), None)  # fmt: skip
            main_day = next((d.day for d in drafts if d.day is not None), None)
            if lag is None:
                # "taking on water on Thursday after a drone boat rammed it the previous day", "after
                # an attack on a camp that morning": a day counted back from the one the sentence names
                back = next((e.attr("expr") for e in inner if e.kind == "date" and e.attr("expr").kind == "frame"
                             and e.attr("expr").precision == DAY and e.attr("expr").offset_days <= 0), None)  # fmt: skip
                if back is not None:
                    told_day = (
                        main_day or self._clause_day(ctx, ents, scope) or (ctx.recent and ctx.recent.day)
                    )
                    if told_day is not None:
                        lag, main_day = -back.offset_days, told_day
            if (lag is not None and main_day is not None) or any(
                e.kind == "date"
                and e.attr("expr").kind in ("absolute", "weekday")
                and e.attr("expr").precision == DAY
                for e in inner
            ):  # ("after fighting broke out in Khartoum in April 2023": a month pins nothing down)
                sub = scope_of(a, ctx.doc.text[a:b], [e for e in inner if e.kind == "cue"])
                # an earlier event told in passing needs its own place to stand apart
                told = [d for d in self._clause(ctx, i, inner, sub, is_main=False) if d.place is not None]
                if lag is not None and main_day is not None:
                    # (counted from another event, it stands apart only by a place of its own
                    # below a country: "two days after U.S. strikes on 85 targets in Iraq and Syria")
                    told = [d for d in told if d.place is not None and d.place.place.kind != "country"]
                    for d in told:
                        d.day, d.precision, d.date_strength = main_day - timedelta(days=lag), DAY, FRAME
                drafts.extend(told)
        return drafts

    def _campaign_side(self, ctx: _Reading, ents: list[Entity], scope: Scope, t: Entity) -> None:
        """ "Over the past day the Armed Forces of Ukraine continued to shell the settlements of our
        region": no one event, but the state force the report then shows striking (see
        _sole_state_side)."""
        phrases = [p for p in build_phrases(ents, scope.text, scope.start, self.lex) if p.end <= t.start]
        for p in reversed(phrases):
            side = self.lex.actors.get(p.actor or "") if p.named and p.role == "actor" else None
            if side is not None and side.state:
                ctx.agents[side.id] += 1
                return

    def _clause_day(self, ctx: _Reading, ents: list[Entity], scope: Scope) -> date | None:
        """The day a sentence's own words name outside its background ("on Thursday"), if any."""
        for e in ents:
            expr = e.attr("expr") if e.kind == "date" else None
            if expr is None or scope.in_background(e.start) or expr.precision != DAY or expr.kind == "frame":
                continue
            day, precision = resolve(expr, ctx.dates.reference)
            if day is not None and precision == DAY:
                return day
        return None

    def _clause(self, ctx: _Reading, i: int, ents: list[Entity], scope: Scope, is_main: bool) -> list[Draft]:
        doc, geo, dates, recent = ctx.doc, ctx.geo, ctx.dates, ctx.recent
        sent = doc.sentences[i]
        separate = bool(_SEPARATELY.match(sent.text) or _DATED_ITEM.match(sent.text))
        day_of = recent  # the event whose day "the same day" means
        if separate:
            recent = None  # "Separately, the army said its aircraft had struck ...": not the event just told
            day_of = ctx.recent if _SAME_DAY.search(sent.text) else None
        cues = [e for e in ents if e.kind == "cue"]
        if not any(e.kind == "trigger" for e in ents):
            if is_main:
                self._quiet_sentence(ctx, i, ents, scope, cues)
            return []
        periods = [c for c in cues if c.attr("type") == "period"]
        day_dates = [
            e for e in ents
            if e.kind == "date" and not scope.in_background(e.start)
            and not any(0 <= e.start - p.end <= 2 for p in periods)  # "since October 7" starts a period
        ]  # fmt: skip
        named_spans = [(e.start, e.end) for e in ents if e.kind == "actor"]
        weapon_spans = [(w.start, w.end) for w in ents if w.kind == "weapon"]
        triggers = []
        campaign: Entity | None = None  # an event word of a count or a campaign ("continued to shell")
        counted: Entity | None = None  # the event word of a count of many events
        counts_told: list[Entity] = []  # every such word
        # event words of a tally ("attacks on villages ... over the weekend")
        tallied_words: list[Entity] = []
        # (the days a clause names, found once: each trigger asks which are in its clause)
        named_days = [
            d.start for d in day_dates if d.attr("expr").precision == DAY and d.attr("expr").kind != "frame"
        ]
        for t in (e for e in ents if e.kind == "trigger"):
            family = t.attr("family")
            if scope.in_background(t.start) or any(a <= t.start and t.end <= b for a, b in named_spans):
                continue  # inside a name ("Carrier Strike Group")
            if any(a <= t.start and t.end <= b and (a, b) != (t.start, t.end) for a, b in weapon_spans):
                continue  # "one-way attack drone" names a weapon; it tells of no attack
            if t.attr("object") == "weapon" and not any(
                w.kind == "weapon" and 0 < w.start - t.end <= _OBJECT_REACH for w in ents
            ):
                continue  # "dropped" tells of a strike only with the weapon dropped after it
            if doc.text[t.end : t.end + 1] == "-" or _MODIFIED_NOUN.match(doc.text, t.end):
                continue  # "ambush-protected vehicles", "infantry fighting vehicles": a word describing a thing
            if family == "protest" and _SHOWING_OF.match(doc.text, t.end):
                continue  # "a demonstration of the United States' ability to strike": a show, not a protest
            if (family == "intercept" or (family == "shelling" and not t.attr("sub"))) and _INFINITIVE.search(
                doc.text, max(0, t.start - 4), t.start
            ):
                continue  # "prepared to launch", "had no means to intercept": a purpose, not an act
            if family == "shelling" and _STARTED_IN.match(doc.text, t.end):
                continue  # "Aspides, launched in February, escorts ships": a mission begun, not fire
            if doc.text[max(0, t.start - 4) : t.start].endswith("to ") and _PURPOSE.search(
                doc.text, max(0, t.start - 40), t.start
            ):
                continue  # "the weapons the Houthis use to attack ships": what they are for
            if family == "entry":
                if not (
                    any(e.kind == "place" and e.ref[:2] != "c:" and 0 <= e.start - t.end <= 2 for e in ents)
                    and any(e.kind in ("actor", "description") and 0 <= t.start - e.end <= 40 for e in ents)
                ):
                    continue  # "aid trucks entered the camp", "troops entered service": no ground taken
                t, family = t._replace(attrs=(("family", "territory"),)), "territory"
            if family in ("seizure", "territory") and _LOOT_AFTER.match(doc.text, t.end):
                continue  # "destroyed several vehicles and captured weapons": spoils of a fight told
            if family == "destroy" and _PEOPLE_AFTER.match(doc.text, t.end):
                # "drones had neutralised several dozen terrorists": people killed, not weapons downed
                t, family = t._replace(attrs=(("family", "kill"),)), "kill"
            if family == "territory" and _PERSON_TAKEN.match(doc.text, t.end):
                # "a raid ... capturing an ISIS cell leader": a person taken, not ground
                t, family = t._replace(attrs=(("family", "arrest"), ("sub", "Arrests"))), "arrest"
            if family in ("seizure", "territory") and _POST_AFTER.match(doc.text, t.end):
                t = t._replace(attrs=(("family", "clash"), ("sub", "Armed clash")))  # "overran the post"
            elif family == "seizure" and (
                any(e.kind == "place" and 0 <= e.start - t.end <= 2 for e in ents)
                or _GROUND_AFTER.match(doc.text, t.end)
            ):
                # "seized Singa", "seized the headquarters of the army's division": ground taken
                t = t._replace(attrs=(("family", "territory"),))
            days = tuple(d for d in named_days if scope.same_clause(d, t.start))
            reason = blocked(t, cues, scope, bool(days), days)
            if (
                reason is None
                and counted is not None
                and t.text.lower().endswith("ing")
                and _PARTICIPLE_GAP.match(scope.between(counted.end, t.start))
            ):
                # "... launched 62 attacks on the region, firing artillery and drones at ...": the count's
                reason = "count"
            if reason == "count":
                counted = t
                counts_told.append(t)
            if reason == "reaction" and is_main and not ctx.drafts and _AUTHOR_AFTER.match(doc.text, t.end):
                # "The network condemns the drone attack carried out by the RSF on Shendi at dawn": an
                # attack first told here, its author named (not "called the strikes a mistake")
                reason = None
            if reason is None:
                triggers.append(t)
            elif reason == "count" and is_main:
                ctx.summary = i  # "Over the past day, Russian forces carried out 412 attacks"
            if reason in ("count", "tally") and is_main and campaign is None:
                campaign = t
            if reason == "tally":
                tallied_words.append(t)
        if tallied_words:
            # "240 civilians were killed in attacks on villages near Bara": the deaths of the tally
            triggers = [t for t in triggers if not (t.attr("weak") and any(
                0 <= x.start - t.end <= 12 and _IN_EVENTS_GAP.match(scope.between(t.end, x.start))
                for x in tallied_words))]  # fmt: skip
        for told in counts_told:
            # "launched two missile strikes and 68 air strikes": what is listed with a count is counted
            # too, then the verb of the count ("the Russian army launched 62 attacks")
            first = told
            for t in sorted(triggers, key=lambda t: -t.start):
                if t.end <= first.start and _LISTED_WITH_COUNT.match(scope.between(t.end, first.start)):
                    first = t
            triggers = [t for t in triggers if not (first.start <= t.start < told.start) and not (
                t.end <= first.start and first.start - t.end <= 30
                and _COUNT_BETWEEN.match(scope.between(t.end, first.start)))]  # fmt: skip
        # "Fighting continues around Um Kadada": a fight going on, told as a state of things
        if not any(d.attr("expr").precision == DAY for d in day_dates):
            triggers = [t for t in triggers if not _GOES_ON.match(doc.text, t.end)]
        # "troops of the coalition fighting the Islamic State": whom a side fights, not a fight told
        triggers = [t for t in triggers if not (t.attr("family") == "clash" and t.text.lower() == "fighting"
                    and _WHOM_FOUGHT.match(doc.text, t.end) and not _BE_BEFORE.search(doc.text, max(0, t.start - 12), t.start))]  # fmt: skip
        if any(t.attr("family") != "clash" and not t.attr("weak") for t in triggers):
            # "when shells fell on a neighbourhood during the fighting": the fighting is when it happened
            triggers = [t for t in triggers if t.attr("family") != "clash" or not _DURING.search(
                doc.text, max(0, t.start - 12), t.start)]  # fmt: skip
        if (
            triggers
            and recent is not None
            and all(
                _PERCEIVED.search(scope.between(max(scope.start, t.start - 40), t.start)) for t in triggers
            )
        ):
            triggers = []  # the explosions witnesses heard are those of the event just told
        # "Houthi missile and drone attacks on Israel, including a missile fired at Ben Gurion airport
        # on Saturday": the one told after "including" is the event; the attacks are its kind
        including_at: int | None = None
        k = scope.text.find(", including ")
        if k >= 0 and len(triggers) > 1:
            at = scope.start + k
            before = [t for t in triggers if t.end <= at]
            after = [t for t in triggers if t.start > at]
            if (
                after
                and before
                and all(t.text.lower().endswith("s") and not _PAST_VERB.search(t.text) for t in before)
            ):
                triggers, including_at = after, at
        if not triggers:
            if is_main:
                if campaign is not None:
                    self._campaign_side(ctx, ents, scope, campaign)
                self._quiet_sentence(ctx, i, ents, scope, cues)
            return []
        phrases = build_phrases(ents, scope.text, scope.start, self.lex)
        resolved = self._resolve_phrases(phrases, ctx, ents)
        numbers = [e for e in ents if e.kind == "number"]
        date_spans = [(e.start, e.end) for e in ents if e.kind == "date"]
        counts = casualties(scope, numbers, date_spans)
        tallied = [c.start for c in cues if c.attr("type") == "tally"]
        if tallied and counts:
            # "Hundreds of civilians were killed in the following weeks, and on 15 June fighters fired on
            # civilians, killing dozens": a count in a stretch of its own with a tally and no event word
            # of the event told is that tally's
            counts = [c for c in counts if not _tallied_apart(scope, c.start, tallied, triggers)]
        strong = [t for t in triggers if not t.attr("weak")]
        if (
            recent is not None
            and recent.sub_event_type == "Disrupted weapons use"
            and strong
            and all(
                _DEBRIS_BEFORE.search(scope.between(max(scope.start, t.start - 30), t.start)) for t in strong
            )
            and not any(c.value > 0 for c in counts)
            and not any(p.role in ("victim", "target", "owner") for p in phrases)  # ("fell on a house")
        ):
            # "Air defences shot down six aerial targets. Debris fell on a field": what was shot down
            self._add_casualties(recent, doc, counts, sent.paragraph)
            return []
        head = (strong or triggers)[0]
        agent, patient = self._roles(
            [*strong, *(t for t in triggers if t.attr("weak"))], phrases, resolved, scope, cues
        )
        used = [
            w for w in ents
            if w.kind == "weapon" and not scope.in_background(w.start)
            and not _STOCK_BEFORE.search(doc.text, max(0, w.start - 50), w.start)
            and not _STOCK_AFTER.match(doc.text, w.end)
            and not ("to " in doc.text[max(0, w.start - 60) : w.start]
                     and _ABOUT_TO_LAUNCH.search(doc.text, max(0, w.start - 60), w.start))
        ]  # fmt: skip
        if including_at is not None and any(w.start > including_at for w in used):
            used = [w for w in used if w.start > including_at]
        platforms = [w for w in used if (" from " in (lead := doc.text[max(0, w.start - 40) : w.start]) or " by " in lead)
                     and _PLATFORM_BEFORE.search(lead)]  # fmt: skip
        if platforms and len(platforms) < len(used):
            # "Kh-101 missiles fired from strategic bombers": the missiles struck; the bombers carried them
            used = [w for w in used if w not in platforms]
        # the weapons of the side struck are its own, not the strike's ("destroyed four missiles")
        if patient is None and counts:
            # "rockets hit Camp Taji, wounding three coalition service members and two Iraqi
            # soldiers": the side first counted among the hurt was acted upon
            patient = next((p for c in counts for p in phrases if p is not agent and p.role == "actor"
                            and p.named and 0 <= p.start - c.end <= 2), None)  # fmt: skip
        if patient is not None:
            # "At least 17 soldiers and six members of the VDP were killed": the first of those hit
            # (not "RSF fighters and militiamen fired on civilians": the event word stands between)
            first = next((q for q in phrases if q is not agent and q.end <= patient.start and q.role == "actor"
                          and resolved.get(id(q)) and _AND_THE_REST.match(scope.between(q.end, patient.start))
                          and not any(q.end <= t.start < patient.start for t in triggers)),
                         None)  # fmt: skip
            patient = first or patient
        weapons = [w for w in used if patient is None or not patient.start <= w.start < patient.end]
        a1 = resolved.get(id(agent)) if agent else None
        a2 = resolved.get(id(patient)) if patient else None
        attacker = _attacker_repelled(triggers, ents, phrases, resolved, scope)
        if attacker is not None and (agent is None or resolved.get(id(attacker)) != a1):
            # "the army said it had repelled an RSF attack on the base", "repulsed an attack by the
            # rebels": the side that attacked acted, the one that beat it back was acted upon
            defender = agent if agent is not attacker else patient
            agent, patient = attacker, defender
            a1 = resolved.get(id(attacker))
            a2 = resolved.get(id(defender)) if defender is not None else None
        if (
            is_main
            and recent is not None
            and a1
            and agent is not None
            and (agent.named or ((side := self.lex.actors.get(a1)) is not None and side.state))
            and _repelled_it(triggers, scope)
        ):
            # "The SDF said it had repelled the attack", "the army said it had repelled both attacks":
            # the side attacked, not a second attacker
            told_with = _told_with(ctx.drafts, recent)
            for told in told_with:
                struck = told.actor2
                if a1 != told.actor1 and (
                    struck in (None, "civilians") or struck.startswith("unidentified_")
                ):
                    told.actor2, told.actor2_named = a1, True
                    told.evidence.append(_evidence(doc, agent.start, agent.end, "actor2"))
            if len(told_with) == 1:
                # "it had repelled the attack, losing five soldiers": the toll of that fight
                self._add_casualties(recent, doc, counts, sent.paragraph)
            return []
        if (
            patient is None
            and agent is not None
            and a1
            and agent.assoc
            and agent.assoc != a1
            and any(t.attr("family") == "clash" for t in triggers)
        ):
            # "Russian and Ukrainian forces fought in Sudzha": the two sides fought each other, not
            # side by side; the one the report has shown acting more comes first
            first, second = sorted((a1, agent.assoc), key=lambda a: -ctx.agents[a])
            agent = replace(agent, actor=first, assoc=None)
            resolved[id(agent)] = first
            a1, a2 = first, second
        if agent is not None and not agent.named and a1 and agent.description is not None:
            blamers = {resolved.get(id(p)) for p in phrases if p.named
                       and _BLAMER_AFTER.match(scope.between(p.end, min(scope.end, p.end + 24)))}  # fmt: skip
            if a1 in blamers:
                # "The SDF blamed militias for the attack": the militias are not the SDF
                a1 = agent.description.attr("fallback")
        blamed = None
        if (a1 is None or a1.startswith("unidentified_")) and _BLAME_WORD.search(scope.text):
            # "..., an attack U.S. officials blamed on Kataib Hezbollah": the side it is laid at acted
            # the side blamed, even where "the attack on X" read X as the side hit ("blamed the
            # attack on the al Qaeda-linked group"), unless a second "on" follows ("blamed the
            # attack on U.S. forces on KH")
            blamed = next((p for p in phrases if p.named and resolved.get(id(p))
                           and (_BLAMED_BEFORE.search(scope.between(max(scope.start, p.start - _BLAME_REACH), p.start))
                                or _BLAMED_OBJECT.search(scope.between(max(scope.start, p.start - 20), p.start)))
                           and not _ON_NEXT.match(scope.between(p.end, min(scope.end, p.end + 4)))),
                          None)  # fmt: skip
            if blamed is not None:
                if blamed is patient:
                    patient, a2 = None, None
                agent, a1 = blamed, resolved[id(blamed)]
        if (
            a1 is None
            and _GENERIC in self.lex.actors
            and any(
                w.kind == "weapon"
                and _UNKNOWN_BEFORE.search(scope.between(max(scope.start, w.start - 16), w.start))
                for w in ents
            )
        ):
            a1 = _GENERIC  # "unidentified drones attacked a position": no side named, none carried
        if (
            a1 is None
            and recent is not None
            and abs(recent.paragraph - sent.paragraph) <= 1
            and recent.actor1 != a2
            # ("... likely killed a number of Kataib Hezbollah militants": the group named as hit)
            and not any(
                p.named
                and resolved.get(id(p)) == recent.actor1
                and any(0 < p.start - t.end <= 40 for t in triggers)
                for p in phrases
            )  # fmt: skip
        ):
            if recent.sub_event_type != "Disrupted weapons use" and recent.event_type in _ATTACKING_TYPES:
                # the side the report was telling of goes on acting ("Two airstrikes ..."; not the
                # force that arrested suspects)
                a1 = recent.actor1
                flown = any(t.attr("weapon") == "aircraft" for t in triggers)
                struck = self.lex.actors.get(recent.actor2 or "")
                if flown and not is_state(self.lex, a1) and struck is not None and struck.state:
                    # "... the unit at Chatoumane was attacked by terrorists ... In the pursuit of the
                    # attackers, an air strike destroyed a logistics base": the army has the aircraft
                    a1 = recent.actor2
        # (civilians among the dead of an attack on an army unit do not make it one on civilians)
        against_civilians = a2 == "civilians" or (
            (a2 is None or a2.startswith("unidentified_"))
            and any(_hit_victim(p, triggers, scope) for p in phrases)
        )
        if a2 is None or a2 == "civilians" or a2.startswith("unidentified_"):
            # "killed three people, including ..., a Kataib Hezbollah commander": the group was hit
            ranked = next((p for p in phrases if p.named and p is not agent and resolved.get(id(p)) not in (None, a1)
                           and not scope.in_background(p.start)
                           and (_RANK_AFTER.match(scope.between(p.end, p.end + 30))
                                or _MEMBERS_BEFORE.search(scope.between(max(scope.start, p.start - 24), p.start))
                                # "... and likely killed a number of Kataib Hezbollah militants"
                                or any(t.attr("family") == "kill" and 0 < p.start - t.end <= 24 for t in triggers))),
                          None)  # fmt: skip
            if ranked is None and a2 in (None, "civilians"):
                # "killed and wounded dozens of people, including soldiers": the forces among them
                ranked = next((p for p in phrases if p is not agent and resolved.get(id(p)) not in (None, a1)
                               and _INCLUDING.search(scope.between(max(scope.start, p.start - 20), p.start))
                               and (side := self.lex.actors.get(resolved[id(p)] or "")) is not None
                               and side.state), None)  # fmt: skip
                if ranked is not None:
                    against_civilians = False  # ("more than 100 people, most of them soldiers")
            if ranked is not None:
                a2, patient = resolved[id(ranked)], ranked
        if a2 is None and against_civilians:
            a2, patient = "civilians", next(p for p in phrases if _hit_victim(p, triggers, scope))
        if a1 is None and any(t.attr("weapon") == "aircraft" for t in triggers):
            # "a reconnaissance flight by the air force spotted a gathering of terrorists, which was
            # destroyed by air strikes": the one state force the sentence names flew them
            forces = {r for p in phrases if p is not patient and not scope.in_background(p.start)
                      and (r := resolved.get(id(p))) and r != a2
                      and (side := self.lex.actors.get(r)) is not None and side.state}  # fmt: skip
            if len(forces) == 1:
                a1 = forces.pop()
                agent = next(p for p in phrases if resolved.get(id(p)) == a1)
        state = bool(a1 and self.lex.actors.get(a1) and self.lex.actors[a1].state)
        if not weapons and ctx.pending is not None and ctx.pending[0] == i - 1:
            weapons = ctx.pending[3]  # "Two drones flew at Al-Tanf. One was shot down; the other hit ..."
        hurt = any(c.value > 0 for c in counts)
        stopped = any(t.attr("family") in ("intercept", "destroy") for t in triggers)
        # ("its air defences destroyed 58 Ukrainian drones": the drones are the side hit's, and what was stopped)
        typed_with = weapons
        if stopped:
            typed_with = weapons + [w for w in ents if w.kind == "weapon" and w not in weapons
                                    and not scope.in_background(w.start)]  # fmt: skip
            # "had destroyed several aircraft at the airport": craft destroyed on the ground are what
            # was hit, not what hit it (weapons in flight, downed, still tell an interception)
            wrecked = [
                w for w in typed_with
                if self.lex.weapons.get(w.ref) is not None and self.lex.weapons[w.ref].name not in AERIAL
                and any(t.attr("family") == "destroy" and 0 <= w.start - t.end <= 30
                        and _OBJECT_OF_WORD.match(scope.between(t.end, w.start)) for t in triggers)
            ]  # fmt: skip
            typed_with = [w for w in typed_with if w not in wrecked]
        if any(t.attr("family") in ("attack", "clash") for t in triggers):
            # "attacked the camp from several sides, using a car bomb to breach its defences": a tactic
            # of the assault, which stays a fight
            typed_with = [w for w in typed_with if not _BREACH_AFTER.match(doc.text, w.end)]
        typing = classify(triggers, typed_with, self.lex, against_civilians, state, hurt)
        if typing.event_type == "Protests":
            # "Residents held a sit-in": the people protesting, never the side of the strike just told
            named_side = agent is not None and agent.named and a1 == resolved.get(id(agent))
            if not named_side or state or self._armed_non_state(a1):
                a1 = None
            if a2 == "civilians":
                a2 = None
        if typing.event_type == "Riots" and (
            state or self._armed_non_state(a1) or (a1 or "").startswith("unidentified_")
        ):
            # "the attackers set fire to the aircraft": an armed side burning is not a riot
            rest = [t for t in triggers if t.attr("family") != "riot"]
            typing = (
                classify(rest, weapons, self.lex, against_civilians, state, hurt)
                if rest
                else Typing("Strategic developments", "Looting/property destruction", True, False)
            )
        if typing.sub_event_type in _TAKEOVERS and (
            a2 is None
            or a2 == "civilians"
            or (patient is not None and patient.role == "target" and not patient.named)
        ):
            # "RSF fighters entered the city ... and the army withdrew": a town taken from its holders
            # ("regained control of the area from the RSF": the side it was taken from, whoever)
            holder = next(
                (
                    p
                    for p in phrases
                    if p is not agent
                    and (r := resolved.get(id(p)))
                    and r != a1
                    and _FROM_HOLDER.search(scope.between(max(scope.start, p.start - 12), p.start))
                ),
                None,
            )
            holder = holder or next((p for p in phrases if p is not agent and (r := resolved.get(id(p))) and r != a1
                                     and (actor := self.lex.actors.get(r)) is not None and actor.state), None)  # fmt: skip
            if holder is None and state:
                # "the army retook Wad Madani, more than a year after the RSF seized the city": taken
                # back from the armed group the sentence says held it
                holder = next((p for p in phrases if p is not agent and p.named and (r := resolved.get(id(p)))
                               and r != a1 and self._armed_non_state(r)), None)  # fmt: skip
            if holder is not None:
                a2, patient = resolved[id(holder)], holder
        if typing.weak and not strong and _after_summary(ctx):
            return []  # "Over the past day, ... 412 attacks ... Two people were killed": the summary's toll
        if typing.weak and not strong and recent is not None and _OWNERS_HINT.search(scope.text):
            self._owner_for_recent(ctx, i, ents, scope)  # "... was used by the Guards, and those killed ..."
        if typing.weak and not strong and recent is not None and abs(recent.paragraph - sent.paragraph) <= 1:
            # "One person was killed in Dnipro": more of the account just given, the same kind of event
            typing = Typing(recent.event_type, recent.sub_event_type, recent.weak_type, True)
            weapons = weapons or []
            a1 = a1 or recent.actor1
            if (
                a2 == "civilians"
                and recent.actor2 not in (None, "civilians")
                and patient is not None
                and not patient.named
                and patient.text.lower().split()[-1:] in (["people"], ["persons"])
                and not any(e.kind == "place" for e in ents)
            ):
                # "More than 70 people were killed, most of them gendarmerie students": the toll of
                # the attack just told, on the side it hit, not a second side
                patient, a2 = None, None
        if typing.sub_event_type == "Disrupted weapons use":
            stops = [t for t in triggers if t.attr("family") == "intercept"]
            agent, patient = self._roles(
                [*stops, *(t for t in triggers if t not in stops)], phrases, resolved, scope, cues
            )
            a1 = resolved.get(id(agent)) if agent else None
            a2 = resolved.get(id(patient)) if patient else None
            agent, patient, a1, a2 = self._interception_roles(
                phrases, resolved, agent, patient, a1, a2, scope
            )
            if (
                stops
                and agent is not None
                and len(stops) < len(triggers)
                and self._roles(stops, phrases, resolved, scope, cues)[0] is None
                and all(agent.end <= t.start for t in triggers if t not in stops)
            ):
                # "Russia launched 476 drones and 48 missiles at Ukraine, according to the Ukrainian Air
                # Force, which said most had been shot down": the side that launched them is the one
                # stopped; a state force it aimed at (or that tells of it) stopped them
                side = self.lex.actors.get(a2 or "") if patient is not None else None
                stopper = patient if side is not None and side.state and a2 != a1 else None
                agent, patient, a1, a2 = stopper, agent, (a2 if stopper is not None else None), a1
            if patient is not None and scope.in_relative(patient.start):
                patient, a2 = None, None  # "drones approaching the airport, which hosts coalition forces"
            if (
                not stops
                and patient is not None
                and patient.role == "actor"
                and all(patient.end <= t.start for t in triggers)
            ):
                # "Coalition troops suffered minor injuries when debris from the damaged drone came
                # down": those hurt by what was stopped, not the side whose weapon it was
                patient, a2 = None, None
            if (
                agent is None
                and patient is not None
                and stops
                and patient.end <= stops[0].start
                and any(t.end <= patient.start for t in triggers if t not in stops)
                and is_state(self.lex, a2)
            ):
                # "a drone targeted U.S. forces at Erbil Air Base and was shot down by air defenses":
                # the forces the attack was aimed at stopped it, no one else being named
                agent, patient, a1, a2 = patient, None, a2, None
            if a1 is None and recent is not None and recent.actor1 and _IT_SAID_ITS.match(scope.text):
                a1 = recent.actor1  # "It said its forces had also destroyed two drones": the one just told of
            weapons = used  # "downed an anti-ship missile the Houthis had fired": the weapons stopped
        told = strong or triggers
        nouns = [t for t in told if not _PAST_VERB.search(t.text)]
        # a verb whose subject is a definite event noun ("the strikes hit") says nothing new; any
        # other verb in the past ("coalition forces fired", "the gunship engaged") tells a new act
        anaphoric = (
            bool(nouns)
            and all(_DEFINITE.search(scope.between(max(scope.start, t.start - 30), t.start)) for t in nouns)
            and all(any(0 <= t.start - n.end <= 30 for n in nouns) for t in told if _PAST_VERB.search(t.text))
        )
        if (
            is_main
            and recent is not None
            and _CAME_AFTER.match(doc.text, head.end)
            and _DEFINITE.search(scope.between(max(scope.start, head.start - 30), head.start))
        ):
            return []  # "The attack came days after a commander defected on 20 October": when, not what
        several_words = _SEVERAL.search(scope.between(max(scope.start, head.start - 20), head.start))
        # ("claimed the attacks": every attack just told, however many)
        plural = anaphoric and (
            bool(several_words)
            or (
                head.text.lower().endswith("s")
                and scope.between(max(scope.start, head.start - 4), head.start).lower() == "the "
            )
        )
        several = (
            _COUNT_OF.get((several_words.group(1) or several_words.group(2) or "").lower(), 0)
            if plural and several_words
            else 0
        )
        day, precision, strength, date_ent, retold = self._date(
            head, ents, scope, dates, day_of, ctx.last_year, refers_back=anaphoric, heading=ctx.heading
        )
        if strength < EXPLICIT and day is not None and _in_other_year(ents, scope, head, day.year):
            # "The camp had been attacked before, notably in 2019, when dozens of soldiers were killed":
            # an event of another year, told by its year alone (too vague to code, and not more of
            # the one just told)
            return []
        acting = [(agent.start, agent.end)] if agent is not None and agent.named else []
        hits = place_hits(ents, scope, self.lex, self.gaz, geo, exclude=acting)
        site = self._launch_site(scope, ents, hits, head.start)
        launched_from = (site, _evidence(doc, site.start, site.end, "location")) if site is not None else None
        told_weapons = typing.sub_event_type == "Disrupted weapons use" and any(
            w.kind == "weapon" and _DEFINITE.search(scope.between(max(scope.start, w.start - 30), w.start))
            for w in ents
        )
        if (anaphoric or told_weapons) and hits and all(h.origin for h in hits):
            # "The strikes, carried out by bombers flown from the United States, ...": where the
            # strikes told of came from, not another place they hit; "launched the missiles from
            # the Golan Heights, and air defences intercepted some": stopped where they were aimed
            hits = []
        choices = choose_places(hits, scope, self.gaz, head.start)
        if not choices and ctx.last_place is not None and _PLACE_ANAPHOR.search(scope.text):
            choices = [ctx.last_place]  # "a drone strike on a rebel position on the town's edge"
        capital_word = _CAPITAL.search(scope.text)
        if capital_word is not None and scope.in_background(scope.start + capital_word.start()):
            capital_word = None  # ("In response to the aggression, which targeted the capital Sanaa, ...")
        if capital_word is not None and not any(c.place.rank <= 1 for c in choices):
            # the capital of the country the report was filed from, else of the one it was just telling
            # of, else of one this sentence names by its people ("attacks on Ukrainian cities and the
            # capital"), else of the one it is most about; never the acting state's own capital
            told_in = self.lex.country(ctx.last_place.place.country) if ctx.last_place is not None else None
            acting_side = self.lex.actors.get(a1 or "")
            own = (
                self.lex.country(acting_side.country)
                if acting_side is not None and acting_side.state
                else None
            )
            if own is not None and own.code in (ctx.home, ctx.filed_in):
                own = None  # (a war at home: "Sudan's army launched an offensive in the capital")
            peoples = [e.ref for e in ents if e.kind == "demonym"]
            order = [ctx.filed_in, told_in.code if told_in else None, *peoples, ctx.home]
            code = next((c for c in order if c and (own is None or c != own.code)), None)
            capital = self.gaz.capital_of(code)
            if capital is not None:  # "crowds gathered in the capital"
                m = capital_word
                choices = [PlaceChoice(capital, scope.start + m.start(), scope.start + m.end(), m.group())]
        choices = [offshore(c, scope, self.gaz) or c for c in choices]
        refs = choices
        recent_place = (
            ctx.recent.place.place if ctx.recent is not None and ctx.recent.place is not None else None
        )
        if (
            len(choices) == 1
            and recent_place is not None
            and recent_place.kind == "town"
            and choices[0].place.kind == "town"
            and choices[0].place.country == recent_place.country
            and choices[0].place.admin1 != recent_place.admin1
            and sent.paragraph == ctx.recent.paragraph
            and _CITY_PART.search(doc.text, choices[0].start, choices[0].end + 14)
        ):
            # "Buildings were damaged in the Oleksandrivskyi district", after a strike on Zaporizhzhia:
            # a part of the city just told (the namesake in another division is another city's), and
            # more of what was told there
            refs, choices = [ctx.recent.place], []
        if (
            not refs
            and recent_place is not None
            and recent_place.kind == "admin1"
            and recent_place.country_code == ctx.home
        ):
            # "... in western Niger's Tillaberi region. Armed men attacked the village of Libiri": in
            # the division the report is telling of
            refs = [PlaceChoice(recent_place, head.start, head.start, "")]
        last = ctx.last_place.place if ctx.last_place is not None else None
        if not refs and last is not None and last.country_code == ctx.home and last.admin1 and last.rank <= 1:
            # "... killed in attacks on villages near Bara in North Kordofan. RSF fighters stormed the
            # village of Shag Alnom": in the division of the town the report was telling of
            division = self.lex.admin1_place(last.country, last.admin1)
            if division is not None:
                refs = [PlaceChoice(division, head.start, head.start, "")]
        if not refs:
            # "Soldiers killed 44 people in the village of Nondin": somewhere in the report's country
            home = self.lex.country(ctx.home) if ctx.home else None
            home_place = self.lex.country_place(home.name) if home is not None else None
            refs = [PlaceChoice(home_place, head.start, head.start, "")] if home_place is not None else []
        unlisted = unlisted_place(scope, ents, refs, head.start, self.gaz)
        local = infobox_choice(ctx.local_places, scope, choices) if ctx.local_places else None
        if unlisted is not None and not (local is not None and local.place.name == unlisted.place.name):
            choices = [unlisted]
        elif local is not None:
            # "stormed the army camp at Boulkessi", the infobox's "Location: Boulkessi, ..."
            choices = [local]
        if (
            typing.sub_event_type == "Air/drone strike"
            and choices
            and all(c.place.kind in WATER for c in choices)
            and {t.attr("family") for t in triggers} == {"destroy"}
        ):
            # "destroyed two Houthi uncrewed surface vessels in the Red Sea": stopped at sea on their
            # way, not struck where they were kept (and they are the event's weapons)
            typing = Typing("Strategic developments", "Disrupted weapons use", False, False)
            weapons = used
        specific = [c for c in choices if c.place.rank <= 1]
        if specific:
            ctx.last_place = specific[-1]
        if not choices and ctx.pending is not None and ctx.pending[0] == i - 1:
            choices = [ctx.pending[1]]  # "two drones flew at the Al-Tanf garrison. One was shot down ..."
            if ctx.pending[2] is not None and (day is None or strength < EXPLICIT):
                day, precision, strength, date_ent = ctx.pending[2]
        if (
            not choices
            and recent is not None
            and recent.place is not None
            and i - recent.sentence <= 3
            and not typing.weak  # ("it had 'neutralised terrorists' in the area": the strike told, retold)
            and _SAME_AREA.search(scope.text)
        ):
            # "An army aircraft later struck a hideout in the area": where the account just given is
            choices = [recent.place]
        if (
            not choices
            and recent is not None
            and recent.place is not None
            and recent.place.place.kind in WATER
            and recent.actor1 is not None
            and a1 == recent.actor1
            and i - recent.sentence <= 2
        ):
            # "On 6 July, Houthi fighters attacked the Magic Seas south-west of Hodeidah ... The next day the
            # Houthis attacked the Eternity C": at sea where the account is
            choices = [recent.place]
        claimed = (
            any(
                c.attr("type") == "claim"
                and not scope.in_background(c.start)
                and (
                    not c.attr("by_speaker")
                    or not _OFFICIAL_SPEAKER.search(scope.between(max(scope.start, c.start - 50), c.start))
                )
                # "The statement blamed remnants of the Islamic State": laid at the group, not claimed by it
                and not (
                    c.attr("by_speaker")
                    and _BLAME_WORD.search(scope.between(c.end, min(scope.end, c.end + 12)))
                )
                for c in cues
            )
            and any(  # ("claims are listed as made": no one claims anything; "the group claimed": the one named)
                p.named or not (resolved.get(id(p)) or "unidentified_").startswith("unidentified_")
                for p in phrases
            )
        )
        if claimed and agent is None and patient is not None and patient.named:
            claimed = False  # "two PMF fighters were killed ..., a PMF statement said": the side hit told it
        if (
            not claimed
            and agent is not None
            # (or the speaker's own forces: "the group said its air defences had shot down ...")
            and (agent.named or (agent.actor is None and agent.description is None and agent.role == "actor"))
            and not ((speaker := self.lex.actors.get(a1 or "")) is not None and speaker.state)
        ):
            # "The Islamic Resistance in Iraq said it attacked ...": a group saying it acted claims it
            # (a state announcing what its forces did claims nothing)
            claimed = any(c.attr("type") == "report" and agent.end <= c.start < head.start for c in cues)
        if retold and choices and day_of is not None and day_of.place is not None:
            # ("it had repelled an RSF attack on the Wadi Seidna base" after shells hit Omdurman: a
            # place of its own, not told again)
            retold = any(self.gaz.contains(c.place, day_of.place.place) for c in choices)
        base = Draft(
            background=not is_main,
            anaphoric=(anaphoric or retold) and strength < EXPLICIT,
            sentence=i,
            paragraph=sent.paragraph,
            event_type=typing.event_type,
            sub_event_type=typing.sub_event_type,
            weak_type=typing.weak,
            harm=typing.harm,
            actor1=a1,
            actor1_named=_is_named(agent, a1),
            actor2=a2,
            actor2_named=_is_named(patient, a2) or bool(patient and patient.role == "victim"),
            assoc1=agent.assoc if agent is not None and a1 == resolved.get(id(agent)) else None,
            assoc2=patient.assoc if patient is not None else None,
            day=day,
            precision=precision,
            date_strength=strength,
            weapons=weapon_names(weapons, triggers, self.lex),
            claimed=claimed,
            blamed=blamed is not None and agent is blamed,
            landed=any(t.attr("harm") or _LANDED.match(t.text) for t in triggers),  # fmt: skip
            in_flight=any(t.attr("family") == "intercept" for t in triggers),
            plural=plural,
            several=several,
            launched_from=launched_from,
            # ("... had also abducted dozens of young men": another act than the killing just told)
            separate=separate
            or (
                recent is not None
                and recent.sub_event_type != typing.sub_event_type
                and not typing.weak
                and _ALSO_BEFORE.search(scope.between(max(scope.start, head.start - 12), head.start))
                is not None
            ),
            hit_named=patient is not None
            and any(
                0 <= patient.start - t.end <= 12 and _ON_NEXT.match(scope.between(t.end, patient.start))
                for t in triggers
            ),  # fmt: skip
        )
        ev = base.evidence
        ev.append(_evidence(doc, head.start, head.end, "event_type"))
        ev.append(Evidence(doc.id, sent.start, sent.end, sent.text, "sentence"))
        if agent:
            ev.append(_evidence(doc, agent.start, agent.end, "actor1"))
        if patient:
            ev.append(_evidence(doc, patient.start, patient.end, "actor2"))
        if date_ent is not None:
            ev.append(_evidence(doc, date_ent.start, date_ent.end, "event_date"))
        for w in weapons:
            ev.append(_evidence(doc, w.start, w.end, "weapons"))
        claim_cue = next(
            (c for c in cues if c.attr("type") in ("claim", "report") and not scope.in_background(c.start)),
            None,
        )
        if claimed and claim_cue is not None:
            ev.append(_evidence(doc, claim_cue.start, claim_cue.end, "claimed_by"))
        self._add_casualties(base, doc, counts, sent.paragraph)
        # "the group claimed it had taken the camp and killed more than 100 soldiers": the toll of the
        # side's own claim, which a count from elsewhere (the army's 30) outranks
        claims = [c.start for c in cues if c.attr("type") == "claim" and not scope.in_background(c.start)]
        base.claimed_toll = any(c.value > 0 and any(k < c.start for k in claims) for c in counts)
        out = []
        options: list[PlaceChoice | None] = [*choices] if choices else [None]
        toll_at: PlaceChoice | None = None  # the one place a toll of several places is told of
        shared_toll = len(options) > 1 and bool(base.fatalities or base.injuries)
        if shared_toll:
            # "targeted sites in Sanaa and in Saada governorate, killing 31": one toll for the places
            # together, which says nothing of any one of them (but "struck Aleppo and Idlib; an
            # airstrike on Idlib city killed eight": the toll of the one place its clause names)
            told = [e.start for e in base.evidence if e.field in ("fatalities", "injuries")]
            near = [c for c in choices if told and any(
                h.candidates and h.candidates[0].id == c.place.id and all(scope.same_clause(h.start, k) for k in told)
                for h in hits)]  # fmt: skip
            toll_at = near[0] if len(near) == 1 else None
        # "attacked Niono and Molodo", "struck Kyiv, Dnipro and Lviv": places named as a list, each
        # an event of its own however close they lie (not "Kivsharivka, Kupiansk district")
        gaps = [doc.text[a.end : b.start] for a, b in zip(choices, choices[1:], strict=False)]
        listed = (
            bool(gaps)
            and all(_LIST_ITEM_GAP.match(g) for g in gaps)
            and any(_LIST_AND.search(g) for g in gaps)
        )
        for choice in options:
            d = base.copy()
            d.evidence, d.weapons = list(base.evidence), list(base.weapons)
            if shared_toll and choice is not toll_at:
                d.fatalities = d.injuries = None
                d.evidence = [e for e in d.evidence if e.field not in ("fatalities", "injuries")]
            if choice is not None:
                d.place = choice
                d.place_explicit = True
                if listed:
                    d.listed = choices[0].start
                d.evidence.append(_evidence(doc, choice.start, choice.end, "location"))
                # "soldiers", "an army unit" with no country of their own: the army of the country
                # where it happened, not of the country the report is most about
                for phrase, attr in ((agent, "actor1"), (patient, "actor2")):
                    force = self._local_force(phrase, choice)
                    if force is not None and getattr(d, attr) != force and force not in (d.actor1, d.actor2):
                        setattr(d, attr, force)
            out.append(d)
        return out

    def _launch_site(
        self, scope: Scope, ents: list[Entity], hits: list[PlaceHit], trigger: int
    ) -> PlaceChoice | None:
        """Where a clause says the weapons were fired from, when that is a town ("launched from a
        truck parked near the town of Zummar, northwest of Mosul"): no place of the attack, but the
        place of a strike on the launcher told next."""
        origin = next((h for h in hits if h.origin and not h.background and h.candidates), None)
        if origin is None or "from" not in scope.text:
            return None
        ref = PlaceChoice(origin.candidates[0], origin.start, origin.end, origin.text, origin.near)
        if ref.place.rank != 1:
            return None
        return unlisted_place(scope, ents, [ref], trigger, self.gaz) or ref

    def _local_force(self, phrase: ActorPhrase | None, choice: PlaceChoice) -> str | None:
        """The state force of the place's country, for a side told only as a state's forces."""
        if phrase is None or phrase.actor or phrase.country or phrase.description is None:
            return None
        if not phrase.description.attr("state"):
            return None
        return self.lex.state_force(choice.place.country)

    def _quiet_sentence(
        self,
        ctx: _Reading,
        i: int,
        ents: list[Entity],
        scope: Scope,
        cues: list[Entity],
        counts: list | None = None,
    ) -> None:
        """A sentence that tells of no event still names sides (for later descriptions), may
        give the casualties of the event just told, and may say where it was."""
        if counts is None:
            for e in ents:
                if e.kind == "actor" and not e.ref.startswith("unidentified_"):
                    ctx.salience.count(e.ref)  # names told here resolve later descriptions
            counts = []
            if ctx.recent is not None and _HURT.search(scope.text):
                numbers = [e for e in ents if e.kind == "number"]
                counts = casualties(scope, numbers, [(e.start, e.end) for e in ents if e.kind == "date"])
                # "The war ... has killed at least 14,000 people": a toll of the war, not of the event
                days = any(e.kind == "date" and e.attr("expr").precision == DAY for e in ents)
                counts = [c for c in counts if days or not perfect_before(scope, c.start)]
                if _UNVERIFIED.search(scope.text):
                    counts = []
        blocking = [
            c for c in cues
            if (c.attr("type") in ("tally", "total", "history") and not compares(c, scope))
            or (c.attr("type") == "period" and opens_period(c, scope))
        ]  # fmt: skip
        if blocking:
            if counts and all(c.attr("type") == "total" for c in blocking):
                self._total_for_place(ctx, i, ents, counts)
            return
        if counts and ctx.recent is not None and not _after_summary(ctx):
            self._add_casualties(ctx.recent, ctx.doc, counts, ctx.doc.sentences[i].paragraph)
            recent = ctx.recent
            if (
                recent.actor2 is None
                and recent.event_type == "Explosions/Remote violence"
                and abs(recent.paragraph - ctx.doc.sentences[i].paragraph) <= 1
                and any(c.value > 0 for c in counts)
                and not any(e.kind in ("actor", "description") for e in ents)
                and (
                    victim := next(
                        (e for e in ents if e.kind == "victim" and e.attr("actor") == "civilians"), None
                    )
                )
            ):
                # "A drone hit a car. The driver, a 43-year-old man, was wounded": civilians were hit
                recent.actor2 = "civilians"
                recent.evidence.append(_evidence(ctx.doc, victim.start, victim.end, "actor2"))
        if ctx.recent is not None and _NO_CLAIM.search(scope.text):
            ctx.recent.unclaimed = True
        elif ctx.recent is not None and any(c.attr("type") == "claim" for c in cues):
            self._claim_for_recent(ctx, i, ents, scope, cues)
        if ctx.recent is not None and any(e.kind in ("actor", "description") for e in ents):
            self._blamed_for_recent(ctx, i, ents, scope)
        if ctx.recent is not None and any(e.kind == "actor" for e in ents):
            self._owner_for_recent(ctx, i, ents, scope)
        if any(e.kind == "place" for e in ents):
            self._frame_place(ctx, i, scope)

    def _total_for_place(self, ctx: _Reading, i: int, ents: list[Entity], counts: list) -> None:
        """ "In total, 33 people were killed in Kyiv": the toll of the one event told at that place
        (a total over places, "47 across the country", belongs to none of them)."""
        refs = {e.ref for e in ents if e.kind == "place"}
        told = [
            d for d in ctx.drafts if d.place is not None and d.place.place.id in refs and not d.background
        ]
        if len(told) == 1:  # the place ties the two, however far apart they are told
            self._add_casualties(told[0], ctx.doc, counts, told[0].paragraph)

    def _claim_for_recent(
        self, ctx: _Reading, i: int, ents: list[Entity], scope: Scope, cues: list[Entity]
    ) -> None:
        """ "The Islamic Resistance in Iraq ... claimed responsibility.": the group named as claiming the
        event just told is the one that acted."""
        recent = ctx.recent
        if recent is None or abs(recent.sentence - i) > 3:
            return
        claim = next(c for c in cues if c.attr("type") == "claim")
        if recent.place is not None and any(
            e.kind == "place" and e.ref in self.lex.places
            and not self.gaz.contains(self.lex.places[e.ref], recent.place.place)
            and not self.gaz.contains(recent.place.place, self.lex.places[e.ref])
            for e in ents
        ):  # fmt: skip
            return  # "the group had targeted a ship in the Gulf of Aden": a claim of another event
        phrases = [p for p in build_phrases(ents, scope.text, scope.start, self.lex) if p.end <= claim.start]
        for p in reversed(phrases):
            actor = ctx.salience.resolve(p, ctx.home)
            if actor and self._armed_non_state(actor) and not actor.startswith("unidentified_"):
                # the group claiming an attack is the side that attacked; for one stopped in flight,
                # the side whose weapons were stopped
                side = _blamed_side(recent)
                told = self.lex.actors.get(getattr(recent, side) or "")
                if told is not None and told.umbrella == actor:
                    actor = told.id  # "JNIM ambushed a convoy. The al Qaeda-linked group claimed ..."
                if _blame_open(recent):
                    setattr(recent, side, actor)
                    setattr(recent, f"{side}_named", True)
                if getattr(recent, side) == actor:
                    recent.claimed = True
                    recent.evidence.append(_evidence(ctx.doc, claim.start, claim.end, "claimed_by"))
                return

    def _listed_days(self, ctx: _Reading, ents: list[Entity], scope: Scope) -> list[tuple[date, Entity]]:
        """The days a sentence lists ("on May 4 and May 5", "on 10 and 11 March 2025"), each with the
        words that give it; empty where it gives no list of two or more days."""
        days = [e for e in ents if e.kind == "date" and e.attr("expr").kind == "absolute"
                and e.attr("expr").precision == DAY and not scope.in_background(e.start)]  # fmt: skip
        if not days:
            return []
        listed = days[:1]
        for a, b in zip(days, days[1:], strict=False):
            if not _DAY_LIST_GAP.match(scope.between(a.end, b.start)):
                break
            listed.append(b)
        lead = scope.between(max(scope.start, listed[0].start - 30), listed[0].start)
        first = _DAY_BEFORE.search(lead[-12:])
        if (len(listed) < 2 and first is None) or _RANGE_BEFORE.search(lead):
            return []  # (a span, "between 6 and 18 August", is not two days)
        resolved = []
        for e in listed:
            day, _ = resolve(e.attr("expr"), ctx.dates.reference)
            if day is None:
                return []
            resolved.append((day, e))
        if first is not None:
            # "on 10 and 11 March 2025": the day before "and" is of the same month
            try:
                resolved.insert(0, (resolved[0][0].replace(day=int(first.group(1))), listed[0]))
            except ValueError:
                return []
        return resolved if len({day for day, _ in resolved}) == len(resolved) else []

    def _each_day(self, ctx: _Reading, d: Draft, listed: list[tuple[date, Entity]]) -> list[Draft]:
        """ "drone attacks on Port Sudan on May 4 and May 5": one event for each day a list gives
        (a campaign is an event a day only where the days are given)."""
        if d.day is None or d.date_strength < EXPLICIT or d.day not in {day for day, _ in listed}:
            return [d]
        out = []
        for day, e in listed:
            c = d.copy()
            c.evidence = [ev for ev in d.evidence if ev.field != "event_date"]
            c.evidence.append(_evidence(ctx.doc, e.start, e.end, "event_date"))
            c.day, c.precision, c.separate = day, DAY, True
            out.append(c)
        # (the first day last: what the next sentences add, a toll the text does not divide by day,
        # goes to the first of them)
        return out[::-1]

    def _blamed_for_recent(
        self, ctx: _Reading, i: int, ents: list[Entity], scope: Scope, until: int | None = None
    ) -> None:
        """ "U.S. officials blamed Kataib Hezbollah", just after an attack told with no side of its
        own: the side blamed acted (over one carried over from the account before). ``until``: the
        first event word of a sentence that goes on to tell its own event; the blame must end in a
        clause of its own before it."""
        recent = ctx.recent
        if (
            not _BLAME_WORD.search(scope.text)
            or recent is None
            or abs(recent.sentence - i) > 3
            or not _blame_open(recent)
        ):
            return  # fmt: skip
        for p in build_phrases(ents, scope.text, scope.start, self.lex):
            before = scope.between(max(scope.start, p.start - _BLAME_REACH), p.start)
            if p.role != "actor" or not (_BLAMED_BEFORE.search(before) or _BLAMED_OBJECT.search(before)):
                continue
            if until is not None and (p.end > until or not _BLAME_CLOSED.search(scope.between(p.end, until))):
                return  # "blamed X for the attack on Y": the sentence's own event
            actor = ctx.salience.resolve(p, ctx.home)
            if actor:
                _lay_blame(recent, actor, p.named, _evidence(ctx.doc, p.start, p.end, "actor1"))
            return

    def _owner_for_recent(self, ctx: _Reading, i: int, ents: list[Entity], scope: Scope) -> None:
        """Just after a strike, a sentence saying whose places or people were hit ("The targets
        belonged to the Quds Force ...", "X said several of its members were among the dead") names
        the side the strike acted upon, where the strike's own sentence named none."""
        recent = ctx.recent
        if recent is None or abs(recent.sentence - i) > 2 or not _OWNERS_HINT.search(scope.text):
            return
        phrases = build_phrases(ents, scope.text, scope.start, self.lex)
        first = next((p for p in phrases if p.named), None)
        if first is None:
            return
        own_dead = _OWN_DEAD.search(scope.between(first.end, scope.end))
        if own_dead is not None and _REPORTED.match(scope.between(first.end, scope.end)):
            # "The Popular Mobilization Forces said several of its members were among the dead"
            actor = ctx.salience.resolve(first, ctx.home)
            struck = recent.actor2
            replaceable = struck is None or struck == "civilians" or struck.startswith("unidentified_")
            if actor and actor != recent.actor1 and replaceable:
                recent.actor2, recent.actor2_named = actor, True
                recent.evidence.append(_evidence(ctx.doc, first.start, first.end, "actor2"))
            return
        if not _OWNERS_OPENING.match(scope.between(scope.start, first.start)):
            return
        actor = ctx.salience.resolve(first, ctx.home)
        if actor is None:
            return
        # every event of the strike's sentence ("in Iraq and Syria": one event in each country)
        for d in _told_with(ctx.drafts, recent):
            if actor == d.actor1:
                continue
            # (a building used by a group: the group was struck, whoever else was in it)
            if d.actor2 in (None, "civilians") or not d.actor2_named or d.actor2.startswith("unidentified_"):
                d.actor2, d.actor2_named = actor, True
                d.evidence = [e for e in d.evidence if e.field != "actor2"]
                d.evidence.append(_evidence(ctx.doc, first.start, first.end, "actor2"))

    def _frame_place(self, ctx: _Reading, i: int, scope: Scope) -> None:
        """A sentence with no event word may still say where the event is ("The base, known as
        Tower 22, ..."): it refines the event just told when the place lies inside that event's, and
        it places the next sentence's event ("Two drones flew at Al-Tanf. One was shot down")."""
        ents = ctx.by_sentence[i]
        hits = place_hits(ents, scope, self.lex, self.gaz, ctx.geo)
        specific = [h for h in hits if h.candidates and h.candidates[0].rank <= 1 and not h.background
                    # ("controlled most of the city, including the citadel and the airport": parts of it)
                    and not _INCLUDING_BEFORE.search(scope.between(max(scope.start, h.start - 45), h.start))]  # fmt: skip
        if len(specific) > 1:
            # "two drones flew toward Al-Harir air base in Erbil": the base, which the city holds
            inner = [h for h in specific if all(
                o is h or self.gaz.contains(o.candidates[0], h.candidates[0]) for o in specific)]  # fmt: skip
            specific = inner[:1]
        if len(specific) != 1:
            return
        h = specific[0]
        if WENT_TO.search(scope.between(max(scope.start, h.start - 40), h.start)):
            return  # "The wounded were evacuated to Niamey": where they were taken, not where it was
        choice = PlaceChoice(h.candidates[0], h.start, h.end, h.text, h.near)
        # ("Boulkessi, in the Douentza cercle of the Mopti region, ...": the infobox's own place)
        choice = infobox_choice(ctx.local_places, scope, [choice]) or choice
        ctx.last_place = choice
        recent = ctx.recent
        if (
            recent is not None
            and recent.place is not None
            and self.gaz.contains(recent.place.place, choice.place)
        ):
            if recent.place.place.id != choice.place.id and abs(recent.sentence - i) <= 2:
                recent.place = choice
                recent.evidence.append(_evidence(ctx.doc, h.start, h.end, "location"))
            return
        dated = None
        for e in ents:
            if e.kind == "date":
                day, precision = resolve(e.attr("expr"), ctx.dates.reference, recent.day if recent else None)
                if day is not None:
                    dated = (day, precision, EXPLICIT, e)
                    break
        ctx.pending = (i, choice, dated, [e for e in ents if e.kind == "weapon"])

    def _resolve_phrases(
        self, phrases: list[ActorPhrase], ctx: _Reading, ents: list[Entity]
    ) -> dict[int, str | None]:
        out: dict[int, str | None] = {}
        local: str | None = ""  # computed once, where needed
        named_here: list[str] = []  # the sides named so far in the sentence
        voice = self.lex.countries.get(ctx.salience.speaker or "")  # the country whose ministry speaks
        for p in phrases:
            if p.named and p.actor and p.role == "actor":
                named_here.append(p.actor)
            if (
                voice is not None
                and voice.state_force in self.lex.actors
                and not p.named
                and _OUR_BEFORE.search(ctx.doc.text, max(0, p.start - 5), p.start)
            ):
                out[id(p)] = voice.state_force  # "our positions" in the General Staff's own update
                continue
            if p.actor is None and p.description is None and p.role == "actor":
                # "CENTCOM said its forces had destroyed ...": the speaker's; "It said its forces
                # ...": the side just told of
                report, speaker = _reported_by(phrases, ents, p.start)
                if speaker is not None:
                    out[id(p)] = out.get(id(speaker))
                elif report is not None and ctx.recent is not None:
                    out[id(p)] = ctx.recent.actor1
                continue
            if (
                p.actor is None
                and p.description is not None
                and _ITS_OWN.search(ctx.doc.text, max(0, p.start - 8), p.start)
            ):
                # "the SDF said that six of its fighters had been killed": the speaker's own
                _, speaker = _reported_by(phrases, ents, p.start)
                if speaker is not None and out.get(id(speaker)):
                    out[id(p)] = out[id(speaker)]
                    continue
            ctx.salience.add(p)
            hostile = p.description is not None and p.description.attr("hostile") and not p.actor
            if hostile:
                # "the occupiers shelled Kherson": the enemy of the country where it happened
                if local == "":
                    local = self._sentence_country(ents)
                actor = ctx.salience.resolve(p, local or ctx.home)
                out[id(p)] = actor
                continue
            actor = ctx.salience.resolve(p, ctx.home, named_here)
            if actor is None and p.description is not None and p.description.attr("state"):
                # "gunmen attacked an army unit near Tassia" in a report with no country of its
                # own: the army of the one country the sentence's places lie in
                if local == "":
                    local = self._sentence_country(ents)
                actor = ctx.salience.resolve(p, local) if local else None
            out[id(p)] = actor
        return out

    def _sentence_country(self, ents: list[Entity]) -> str | None:
        names = {
            self.lex.places[e.ref].country for e in ents if e.kind == "place" and e.ref in self.lex.places
        }
        c = self.lex.country(names.pop()) if len(names) == 1 else None
        return c.code if c is not None else None

    def _roles(
        self,
        triggers: list[Entity],
        phrases: list[ActorPhrase],
        resolved: dict[int, str | None],
        scope: Scope,
        cues: list[Entity],
    ) -> tuple[ActorPhrase | None, ActorPhrase | None]:
        """(who acted, who was acted upon), read off each event word in turn until both are found."""
        live = [p for p in phrases if not scope.in_background(p.start) and resolved.get(id(p))]
        # "missiles fired from Houthi-held Yemen", "launched from Houthi-controlled areas": whoever
        # holds the ground they came from launched them (and "Yemen" there is ground, not a side)
        held = next((p for p in live if p.role == "owner" and _FROM_BEFORE.search(
            scope.between(max(scope.start, p.start - 12), p.start))), None)  # fmt: skip
        if held is not None:
            live = [p for p in live if not (p is not held and 0 <= p.start - held.end <= 8)]
        reports = [c for c in cues if c.attr("type") in ("report", "claim")]
        agent: ActorPhrase | None = None
        patient: ActorPhrase | None = None
        clash = any(t.attr("family") == "clash" for t in triggers)
        sides = _between_sides(live, scope) if clash else None
        if sides is not None:
            return sides  # "fighting ... between the RSF and the army"
        joint = next((p for p in live if clash and p.assoc and p.actor and _BETWEEN_BEFORE.search(
            scope.between(max(scope.start, p.start - 30), p.start))), None)  # fmt: skip
        if joint is not None:
            # "clashes between the Sudanese Armed Forces and the RSF": one phrase naming both sides
            first, second = replace(joint, assoc=None), replace(joint, actor=joint.assoc, assoc=None)
            resolved[id(first)], resolved[id(second)] = resolved.get(id(joint)), joint.assoc
            return first, second
        # "they had neutralised more than 100 terrorists during an offensive": the object of one event
        # word acted in no other
        objects = {
            id(p) for p in live for t in triggers
            if 0 <= p.start - t.end <= 30 and _OBJECT_OF_WORD.match(scope.between(t.end, p.start))
        }  # fmt: skip
        for t in triggers:
            a, p = self._roles_of(t, live, scope, reports)
            if a is not None and id(a) in objects:
                a = None
            if agent is None and a is not None and a is not patient:
                agent = a
            if patient is None and p is not None and p is not agent:
                patient = p
            if agent is not None and patient is not None:
                break
        if agent is None and held is not None and held is not patient:
            agent = held
        if patient is None:
            # (the object of an event word is the side acted upon: "neutralised 100 terrorists")
            patient = next((p for p in live if id(p) in objects and p is not agent), None)
        if patient is not None and patient.role == "target":
            owner = owner_after(patient, phrases, scope.text, scope.start)
            if owner is None:
                # "two facilities used by Iran's IRGC: a training facility near Al-Bukamal and ..."
                owner = next((p for p in phrases if p is not agent and p.named and _HELD_BY.search(
                    scope.between(max(scope.start, p.start - 16), p.start))), None)  # fmt: skip
            if owner is not None and resolved.get(id(owner)):
                patient = owner
        if patient is None or (patient.role == "target" and not patient.named):
            # "struck 60 targets at 16 locations in Houthi-held Yemen": whose ground the sites are on
            patient = next((p for p in live if p.role == "owner" and p is not agent), None) or patient
        if patient is not None and agent is not None and resolved.get(id(patient)) == resolved.get(id(agent)):
            patient = None  # "Houthis launched a missile from Houthi-controlled areas": not their own target
        return agent, patient

    def _roles_of(
        self, t: Entity, live: list[ActorPhrase], scope: Scope, reports: list[Entity]
    ) -> tuple[ActorPhrase | None, ActorPhrase | None]:
        lead = scope.between(max(scope.start, t.start - 40), t.start)
        participle = not t.text.lower().endswith("ing")
        passive = bool(t.attr("passive")) or (participle and bool(_PASSIVE_BEFORE.search(lead[-20:])))
        passive = (
            passive
            or bool(_VICTIM_IN.search(lead))
            or (" by " in lead and bool(_BY_AGENT_BEFORE.search(lead)))
        )
        if (
            participle
            and t.attr("family") == "kill"
            and _NO_OBJECT_AFTER.match(scope.text, t.end - scope.start)
        ):
            passive = True  # "on our side, two soldiers killed and four wounded": those killed, not killers
        # A report verb before the event word ("officials said militants attacked ...") closes off
        # the speaker: the side that acted is named after it, or is the speaker itself ("it said it struck").
        report = next(
            (r for r in reversed(reports) if r.end <= t.start and scope.same_clause(r.end, t.start)), None
        )
        floor = report.end if report is not None else scope.start
        before = [p for p in live if p.end <= t.start and p.start >= floor]
        after = [p for p in live if p.start >= t.end]
        agent = patient = None
        for p in after:
            gap = scope.between(t.end, p.start)
            if (_BY.match(gap) or _OF_THEM_BY.match(gap)) and scope.same_clause(t.end, p.start):
                # "... targeted by American drones", "a drone strike carried out by the IRI", "the
                # killing of civilians by the Rapid Support Forces"
                agent = p
                break
        if agent is None and passive:
            for p in after:
                if _FROM.search(scope.between(t.end, p.start)[-40:]) and scope.same_clause(t.end, p.start):
                    agent = p  # "came under fire from more than forty missiles of the Russian military"
                    break
        if agent is None and not passive:
            for p in reversed(before):
                if (
                    p.role in ("actor", "weapon")
                    and scope.same_clause(p.end, t.start)
                    and not _PATIENT_PREP.search(scope.between(max(scope.start, p.start - 40), p.start))
                    and not _HELD_BY.search(scope.between(max(scope.start, p.start - 40), p.start))
                    # "Malian soldiers accompanied by fighters of the Wagner Group": the side that led
                    and not _ALONGSIDE.search(scope.between(max(scope.start, p.start - 40), p.start))
                    # "The SDF blamed militias for the attack": who blames is not who attacked
                    and not _BLAMER_AFTER.match(scope.between(p.end, min(scope.end, p.end + 24)))
                ):
                    agent = p
                    k = before.index(p)
                    lead_side = before[k - 1] if k > 0 else None
                    if (
                        lead_side is not None
                        and lead_side.named
                        and not p.named
                        # (not "the RSF and the army": a state force is a side of its own)
                        and not (p.description is not None and p.description.attr("state"))
                        and lead_side.role == "actor"
                        and _JOINED_SIDE_GAP.match(scope.between(lead_side.end, p.start))
                    ):
                        # "the Sudanese Armed Forces and allied fighters retook ...": the side named
                        agent = lead_side
                    break
            if (
                agent is not None
                and not agent.named
                and report is not None
                and (
                    _OWN_PEOPLE.search(scope.between(max(scope.start, agent.start - 8), agent.start))
                    or scope.between(agent.end, agent.end + 2) in ("'s", "\u2019s")
                    # "the ministry said that units of its 'Centre' group of forces had liberated ..."
                    or _ITS_AFTER.match(scope.between(agent.end, min(scope.end, agent.end + 12)))
                )
            ):
                # "JNIM said ... that its fighters had seized the base", "the spokesman said the
                # group's naval forces had attacked the tanker": the speaker's fighters
                speaker = _speaker(live, report.start, named=True)
                agent = speaker or agent
            claim_of_it = (
                report is not None
                and report.attr("type") == "claim"
                and (
                    _DEFINITE.search(scope.between(report.end, t.start))
                    or _CLAIMED_AN.match(scope.between(report.end, t.start))
                )
            )  # "X claimed the attack", "X claimed responsibility for the strike", "X claimed a drone attack"
            if (
                agent is None
                and report is not None
                and (claim_of_it or _PRONOUN.match(scope.between(report.end, t.start)))
            ):
                # "Russia's defence ministry said it had struck ...": the ministry's state
                agent = _speaker(live, report.start)
        if agent is None:
            agent = next((p for p in live if p.role == "weapon" and p.end <= t.start + 60
                          and scope.same_clause(p.start, t.start)), None)  # fmt: skip
        if agent is None:
            # "Russia's attack on the hospital", "Russia's massive strike": the state whose act it was
            agent = next((p for p in live if p.role == "possessor" and 0 <= t.start - p.end <= 24), None)
        if passive:
            subject = [p for p in reversed(before) if p is not agent and scope.same_clause(p.end, t.start)]
            patient = subject[0] if subject else None
        else:
            for p in after:
                if p is agent or p.start > t.end + 120:
                    continue
                gap = scope.between(t.end, p.start)
                if (
                    ("that" in gap or "which" in gap)
                    and _RELATIVE_OWNER_GAP.match(gap)
                    and _USES_AFTER.match(scope.between(p.end, p.end + 110))
                ):
                    patient = p  # the owner named in a clause on the sites, past a plain "facilities"
                    break
                if (
                    patient is None
                    and p.start <= t.end + 90
                    and (_OBJECT_GAP.match(gap) or _PREP_GAP.match(gap) or _OWNED_GAP.match(gap))
                ):
                    patient = p
                    if p.named or p.role != "target":
                        break
        return agent, patient

    def _interception_roles(
        self,
        phrases: list[ActorPhrase],
        resolved: dict[int, str | None],
        agent: ActorPhrase | None,
        patient: ActorPhrase | None,
        a1: str | None,
        a2: str | None,
        scope: Scope,
    ) -> tuple[ActorPhrase | None, ActorPhrase | None, str | None, str | None]:
        """Who intercepted whose weapon: the owner of the downed weapon is acted upon."""
        # (the weapons that stopped them are no owner: "Russian air defences destroyed 158 drones")
        owner = next((p for p in phrases if p.role == "weapon" and not scope.in_background(p.start)
                      and not _AIR_DEFENCE.search(p.text)), None)  # fmt: skip
        if owner is not None and agent is owner:
            return None, owner, None, resolved.get(id(owner))
        launcher = next((p for p in phrases if p.named and resolved.get(id(p))
                         and _LAUNCHED_BY.search(scope.between(max(scope.start, p.start - 20), p.start))), None)  # fmt: skip
        if launcher is not None:
            # "shot down 18 drones ... launched by Yemen's Houthis": whose weapons were stopped
            if agent is launcher:
                agent, a1 = None, None
            return agent, launcher, a1, resolved.get(id(launcher))
        if patient is None:
            # "Tuesday's Houthi barrage, in which U.S. warships shot down 18 drones": the side
            # that fired is the one whose weapons were stopped
            # (not the one telling of it: "the Ukrainian Air Force said that 30 were shot down")
            other = next((p for p in phrases if p.named and p.role in ("actor", "weapon") and p is not agent
                          and not scope.in_relative(p.start)
                          and resolved.get(id(p)) and resolved.get(id(p)) != a1
                          and not _REPORTED.match(scope.between(p.end, min(scope.end, p.end + 16)))), None)  # fmt: skip
            if other is not None:
                return agent, other, a1, resolved.get(id(other))
        return agent, patient, a1, a2

    def _date(
        self,
        main: Entity,
        ents: list[Entity],
        scope: Scope,
        dates: DocDates,
        recent: Draft | None,
        last_year: int | None,
        refers_back: bool = False,
        heading: tuple[int, date, int] | None = None,
    ) -> tuple[date | None, int | None, int, Entity | None, bool]:
        """The day of the event ``main`` tells; ``refers_back``: it is told with a definite word
        ("the ambush"), so a day of the telling leaves it the day of the event just told. The last
        value says the words tell that event again ("the ministry said on Sunday it had struck")."""
        frame = recent.day if recent else None
        cands = []
        periods = [e for e in ents if e.kind == "cue" and e.attr("type") == "period"]
        reports = [e for e in ents if e.kind == "cue" and e.attr("type") in ("report", "claim")]
        for e in ents:
            if e.kind != "date":
                continue
            if _UNTIL_BEFORE.search(scope.between(max(scope.start, e.start - 16), e.start)):
                continue  # "an assault that continued into 8 July": where it ended, not when it was
            if e.attr("expr").kind == "weekday" and _WEEKDAY_NOUN.match(scope.between(e.end, e.end + 12)):
                continue  # "during Friday prayers": a custom of the day, not the day it happened
            # ("since January, when it blamed ...": the "when" clause happened then)
            then = bool(_WHEN_AFTER.match(scope.between(e.end, e.end + 8)))
            if scope.in_background(e.start) and not then:
                continue
            opens = any(0 <= e.start - p.end <= 2 for p in periods) and not then
            if opens or _RANGE_BEFORE.search(scope.between(max(scope.start, e.start - 30), e.start)):
                continue  # "since October 7" opens a period, "between 6 and 18 August" spans one
            dist = abs(e.start - main.start) + (0 if scope.same_clause(e.start, main.start) else 400)
            cands.append((dist, e))
        anchor = dates.reference
        if anchor is None and last_year is not None:
            anchor = date(last_year, 12, 31)
        # "The Pentagon confirmed on Thursday that a drone struck the base on Tuesday": the day of
        # the telling gives way to the day of the event when the sentence names both.
        found = []
        for dist, e in cands:
            expr: DateExpr = e.attr("expr")
            day, precision = resolve(expr, anchor if expr.kind == "absolute" else dates.reference, frame)
            if day is None:
                continue
            # "said on Friday", "claimed the ambush on Friday", "claimed it in a statement released by
            # its media arm on Friday": the day of the telling
            reported = e.start < scope.dateline_end or any(  # ("PORT SUDAN, Feb 2 --": the day it was filed)
                0 <= e.start - r.end <= (60 if r.attr("type") == "claim" else 14) or 0 <= r.start - e.end <= 8
                for r in reports
            )
            strength = FRAME if expr.kind == "frame" else REPORTED if reported else EXPLICIT
            if strength == EXPLICIT and not scope.same_clause(e.start, main.start):
                strength = FRAME  # a day named in another clause ("He ordered today's action: attacks ...")
            found.append((strength != EXPLICIT, dist, day, precision, strength, e))
        if found:
            _, _, day, precision, strength, e = min(found, key=lambda f: (f[0], f[1]))
            if strength == REPORTED and recent is not None and recent.day is not None:
                # "the ministry said on Sunday it had struck ...", "X claimed the ambush on Friday":
                # the day of the telling; what it had done, or the ambush, is what was just told
                if refers_back or (
                    recent.day <= day
                    and (
                        _PLUPERFECT.search(scope.between(max(scope.start, main.start - 20), main.start))
                        or _bare_toll(main, ents, scope)
                    )
                ):
                    # told again only as the speaker's account of its own act ("it had struck")
                    own = _OWN_ACCOUNT.search(scope.between(max(scope.start, main.start - 40), main.start))
                    return recent.day, recent.precision, FRAME, None, bool(own)
            return day, precision, strength, e, False
        if heading is not None and (recent is None or recent.sentence < heading[0]):
            return heading[1], heading[2], FRAME, None, False  # an entry under a dated heading
        if recent is not None and recent.day is not None:
            return recent.day, recent.precision, FRAME, None, False
        if dates.lead is not None:
            return dates.lead[0], dates.lead[1], REPORTED, None, False
        if dates.reference is not None:
            return dates.reference, WEEK, PUBLISHED, None, False
        return None, None, -1, None, False

    def _add_casualties(self, d: Draft, doc: Document, counts: list, paragraph: int) -> None:
        if abs(paragraph - d.paragraph) > 1 and abs(paragraph - d.retold_in) > 1:
            return
        recount = d.claimed_toll and any(c.value > 0 for c in counts)  # (see _absorb)
        if recount:
            d.claimed_toll = False
        for kind in ("fatalities", "injuries"):
            value, used = total(counts, kind)
            if value is None:
                continue
            current = getattr(d, kind)
            # "The Syrian Observatory put the toll at 82": another source's count, not a toll that
            # rose; the lower figure stands, as ACLED takes it
            other_count = current is not None and any(
                _OTHER_COUNT.search(doc.text, max(0, c.start - 30), c.start) for c in used
            )
            if other_count and not value < current:
                continue
            if other_count or current is None or value > current or (recount and value):
                setattr(d, kind, value)
                d.evidence = [e for e in d.evidence if e.field != kind]
                for c in used:
                    d.evidence.append(_evidence(doc, c.start, c.end, kind))

    # -- the mention -------------------------------------------------------------------

    def _mention(self, ctx: _Reading, d: Draft) -> Mention | None:
        doc = ctx.doc
        if d.refined and d.place is not None and d.place.place.kind in ("country", "region"):
            # "struck 60 targets in Yemen", "struck targets across northeast Syria": the events are
            # the places named after it
            return None
        reference = ctx.dates.reference
        if d.precision == MONTH and d.day is not None and reference is not None:
            month_end = (d.day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            if (reference - month_end).days > _HISTORY_DAYS:
                return None  # "Seytenga was the scene of a massacre in June 2022": the place's history
        place = to_model_place(d.place, self.gaz) if d.place else None
        actor1, actor2 = d.actor1, d.actor2
        if d.unclaimed and not d.actor1_named and not (actor1 or "").startswith("unidentified_"):
            actor1 = None  # "No group claimed the blast": not the side carried over from the attack before
        if d.author_unknown and not d.actor1_named and _GENERIC in self.lex.actors:
            actor1 = _GENERIC  # "It is not known who carried out the strike": nobody is to be guessed
        operator = d.place.place.operator if d.place else None
        if d.sub_event_type == "Disrupted weapons use":
            if actor1 is None and operator and operator != actor2:
                actor1 = operator  # a drone downed near a base: its holders' air defences did it
        elif actor2 is None and operator and operator != actor1:
            actor2 = operator  # an attack on a base hits the force that holds it
        if actor1 is None and d.sub_event_type == "Disrupted weapons use" and place is not None:
            force = self.lex.state_force(place.country)
            if force is not None and force != actor2:
                actor1 = force  # drones downed over a country: its air defence did it
        if actor1 is None and d.event_type in ("Protests", "Riots") and "protesters" in self.lex.actors:
            actor1 = "protesters"
        if actor1 == "protesters" and d.event_type == "Riots" and "rioters" in self.lex.actors:
            actor1 = "rioters"  # demonstrators who stormed and burned: ACLED's rioters
        if (
            actor1 is not None
            and not d.actor1_named
            and d.event_type == "Explosions/Remote violence"
            and self._on_own_soil(ctx, actor1, place)
        ):
            actor1 = None  # carried over from strikes abroad to one on the striker's own soil
        if actor1 is None and d.event_type == "Explosions/Remote violence":
            actor1 = self._sole_state_side(ctx, actor2, place)
        if actor1 is None and not d.author_unknown and d.event_type == "Explosions/Remote violence":
            actor1 = self._enemy_named(ctx, place)
        if actor1 is None and d.sub_event_type == "Arrests" and place is not None:
            # "a joint patrol arrested seven suspects near Gaya": the forces of the country it was in
            actor1 = self.lex.state_force(place.country)
        if actor1 is None and d.sub_event_type == "Air/drone strike" and "aircraft" in d.weapons:
            # "an air strike near Petelkole destroyed a terrorist base", in the defence ministry's
            # communique: its own air force (armed groups here fly drones, not aircraft)
            force = self.lex.state_force(ctx.salience.speaker)
            if force is not None and force != actor2:
                actor1 = force
        # ("No group claimed the blast": not the group the rest of the report is about)
        actor1 = actor1 or self._document_actor(ctx, by_acts=not d.unclaimed)
        if actor2 is None and d.sub_event_type == "Disrupted weapons use":
            # "air defences destroyed two drones over the Oryol region": the drones of the one
            # other side the report shows attacking
            others = [a for a in ctx.agents if a != actor1]
            if len(others) == 1:
                actor2 = others[0]
            elif not others and is_state(self.lex, actor1):
                # "two more attacks by Iran-backed militia groups ... a drone was shot down": the
                # side the report blames for the attacks its forces stopped
                blamed = self._document_actor(ctx)
                if blamed not in (actor1, _GENERIC):
                    actor2 = blamed
            if actor2 is None and place is not None and actor1 == self.lex.state_force(place.country):
                # drones downed over Saratov: Ukraine's, as the report says
                actor2 = self._enemy_named(ctx, place)
        if actor2 in (None, _GENERIC) and place is not None and d.event_type != "Protests":
            # "Ukrainian drones struck an ammunition depot in Russia's Kursk region": a site of the
            # enemy's, on the enemy's own soil (actors.yaml: enemy_of)
            actor2 = self._enemy_at(actor1, place) or actor2
        if actor2 is None and d.event_type in ("Explosions/Remote violence", "Battles"):
            actor2 = self._side_struck(ctx, actor1, place)
        if actor2 is None and d.sub_event_type == "Armed clash":
            actor2 = self._home_force_fought(ctx, actor1, place)
        if actor2 is None and d.event_type == "Violence against civilians" and "civilians" in self.lex.actors:
            actor2 = "civilians"  # ("the governor ... was abducted and killed": ACLED's civilians)
        if place is None:
            place = self._home_place(actor1, actor2)
        if (
            d.sub_event_type == "Attack"
            and d.weak_type
            and not d.weapons
            and place is not None
            and (side := self.lex.actors.get(actor1 or "")) is not None
            and side.state
            and side.country not in (None, place.country)
            and not any(e.field == "actor1" and _GROUND_FORCE.search(e.text) for e in d.evidence)
        ):
            # "the American aggression, which targeted civilian sites in Sanaa": a foreign state's
            # attack with no troops on the ground is struck from afar
            d.event_type, d.sub_event_type = "Explosions/Remote violence", "Air/drone strike"
        if place is None and d.sub_event_type == "Disrupted weapons use":
            place = self._defended_country(ctx, d, actor1)
        if place is None and (d.day is None or d.date_strength < EXPLICIT):
            return None  # neither where nor its own when: said in passing
        if d.day is None and place is not None and place.geo_precision == model.REGION:
            return None  # neither when nor a specific where: history told in passing
        name = self._name
        evidence = tuple(dict.fromkeys(d.evidence))
        return Mention(
            doc_id=doc.id,
            event_type=d.event_type,
            sub_event_type=d.sub_event_type,
            event_date=d.day,
            time_precision=d.precision,
            actor1=name(actor1),
            actor2=name(actor2) if actor2 != actor1 else None,
            assoc_actor_1=name(d.assoc1) if d.assoc1 and d.assoc1 != actor1 else None,
            assoc_actor_2=name(d.assoc2) if d.assoc2 and d.assoc2 != actor2 else None,
            place=place,
            weapons=tuple(d.weapons) or self._implied_weapons(d, actor1),
            fatalities=d.fatalities if d.fatalities is not None else 0,
            injuries=d.injuries,
            claimed_by=name(claimer)
            if d.claimed
            and d.sub_event_type not in _NOT_CLAIMED
            and (claimer := self._claimer(d, actor1, actor2))
            else None,
            evidence=evidence,
            confidence=_confidence(d),
            sentence=d.sentence,
        )

    def _name(self, actor_id: str | None) -> str | None:
        if actor_id is None:
            return None
        a = self.lex.actors.get(actor_id)
        return a.name if a else actor_id

    def _armed_non_state(self, actor_id: str | None) -> bool:
        a = self.lex.actors.get(actor_id or "")
        return bool(a and a.armed_non_state)

    def _sole_state_side(self, ctx: _Reading, actor2: str | None, place: model.Place | None) -> str | None:
        """The one state force a report has shown striking, for a strike it tells with no side
        named ("Russia fired 122 missiles ... In Odesa, drones struck a residential building"):
        never where more than one side was shown acting, never against that force itself, and
        never on its own soil when the report shows it striking abroad (a strike there is the
        other side's)."""
        if len(ctx.agents) != 1:
            return None
        (side,) = ctx.agents
        a = self.lex.actors.get(side)
        if a is None or not a.state or a.kind == "government" or side == actor2:
            return None
        if place is None or self._on_own_soil(ctx, side, place):
            return None
        return side

    def _side_struck(self, ctx: _Reading, actor1: str | None, place: model.Place | None) -> str | None:
        """Who a foreign state force struck where the sentence names no target: the armed group of
        that country the report names most ("U.S. and British jets struck Hodeidah": the Houthis),
        else the state force of that country the report shows acting (Ukraine in Kursk: Russia's)."""
        a = self.lex.actors.get(actor1 or "")
        if a is None or not a.state or not a.country or place is None or place.country in (None, a.country):
            return None
        named = [(n, b) for b, n in ctx.salience.counts.items()
                 if b != actor1 and not b.startswith("unidentified_") and b in self.lex.actors
                 and self.lex.actors[b].country == place.country]  # fmt: skip
        groups = [(n, b) for n, b in named if self.lex.actors[b].armed_non_state]
        if groups:
            return max(groups)[1]
        forces = [(n, b) for n, b in named if self.lex.actors[b].state and b in ctx.agents]
        return max(forces)[1] if forces else None

    def _home_force_fought(self, ctx: _Reading, actor1: str | None, place: model.Place | None) -> str | None:
        """The state force of the country where an armed group fought, where the report names that
        force ("attacks on Kayes, Nioro du Sahel and Diboli ... the FAMa drove the attackers back"): a
        fight has two sides, and a group's attack on a town is on the army holding it."""
        if actor1 is None or not (self._armed_non_state(actor1) or actor1 == _GENERIC) or place is None:
            return None
        force = self.lex.state_force(place.country)
        if force is None or force == actor1 or ctx.salience.counts.get(force, 0) == 0:
            return None
        return force

    def _on_own_soil(self, ctx: _Reading, actor_id: str, place: model.Place | None) -> bool:
        """Whether ``place`` is on the soil of a state force that the report shows, by name,
        striking only in other countries (Russia striking Ukraine: a strike in Belgorod is not
        Russia's; Sudan's army striking in Sudan: the next strike in Sudan may well be)."""
        a = self.lex.actors.get(actor_id)
        if not (a and a.state and a.country and place and place.country == a.country):
            return False
        named = [
            d.place.place.country for d in ctx.drafts if d.actor1 == actor_id and d.actor1_named and d.place
        ]
        return bool(named) and all(c != a.country for c in named)

    def _implied_weapons(self, d: Draft, actor1: str | None) -> tuple[str, ...]:
        """An air strike by a state's forces with no weapon named ("American-British raids on
        Hodeidah"): its aircraft, as coders record it."""
        actor = self.lex.actors.get(actor1 or "")
        if d.sub_event_type == "Air/drone strike" and actor is not None and actor.state:
            return ("aircraft",)
        return ()

    def _claimer(self, d: Draft, actor1: str | None, actor2: str | None) -> str | None:
        """Who claimed an event told as claimed: the armed group that acted, or, for an attack
        stopped in flight, the group whose attack it was."""
        if self._armed_non_state(actor1):
            return actor1
        if d.sub_event_type == "Disrupted weapons use" and self._armed_non_state(actor2):
            return actor2
        return None

    def _document_actor(self, ctx: _Reading, by_acts: bool = True) -> str | None:
        """The side a report blames where a sentence names none: the armed group it has shown
        acting most (where ``by_acts``), else the one its words blame ("Iran-backed militias"),
        else unidentified."""
        acting = [(n, a) for a, n in ctx.agents.items() if by_acts and self._armed_non_state(a)]
        if acting:
            return max(acting)[1]
        for ents in ctx.by_sentence:
            for e in ents:
                if e.kind == "actor" and e.ref.startswith("unidentified_iran"):
                    return e.ref
                if e.kind == "description" and e.attr("sponsor"):
                    return str(e.attr("sponsor"))
        return _GENERIC if _GENERIC in self.lex.actors else None

    def _enemy_named(self, ctx: _Reading, place: model.Place | None) -> str | None:
        """The side at war with the country struck, for a strike there that names no side, where the
        report names that side or its people ("Engels was attacked by UAVs ... air defences destroyed
        11 Ukrainian drones over the Saratov region": Ukraine's)."""
        enemy = self.lex.enemy_sides().get(place.country or "") if place is not None else None
        side = self.lex.actors.get(enemy or "")
        if side is None or not side.state:
            return None
        if ctx.salience.counts.get(side.id, 0) > 0:
            return side.id
        country = self.lex.country(side.country)
        code = country.code if country is not None else None
        named = any(e.kind == "demonym" and e.ref == code for ents in ctx.by_sentence for e in ents)
        return side.id if named else None

    def _enemy_at(self, actor1: str | None, place: model.Place) -> str | None:
        """The state forces of the country where ``actor1``, a state, struck, if it is at war with
        that country."""
        a1 = self.lex.actors.get(actor1 or "")
        if a1 is None or not a1.state or place.country not in a1.enemy_of:
            return None
        return self.lex.state_force(place.country)

    def _defended_country(self, ctx: _Reading, d: Draft, actor1: str | None) -> model.Place | None:
        """ "Ukraine's air force said it had shot down 21 of 28 drones": a state's air defence over
        its own country, where the report places the attacks it tells of."""
        a1 = self.lex.actors.get(actor1 or "")
        if a1 is None or not a1.state or not a1.country:
            return None
        if not any(
            o is not d and o.place is not None and o.place.place.country == a1.country for o in ctx.drafts
        ):
            return None
        c = self.lex.country_place(a1.country)
        return country_record(c) if c is not None else None

    def _home_place(self, actor1: str | None, actor2: str | None) -> model.Place | None:
        """A foreign force striking a group with no place named: the group's home country."""
        a1, a2 = self.lex.actors.get(actor1 or ""), self.lex.actors.get(actor2 or "")
        if a1 is None or a2 is None or not a2.country or a1.country == a2.country:
            return None
        if not a1.state or a2.state:
            return None  # only a state striking a group abroad is placed in the group's home country
        c = self.gaz.lex.country_place(a2.country)
        return country_record(c) if c is not None else None


# -- merging drafts within a document -------------------------------------------------


# what shows something was hit: "a fire broke out at a fuel terminal", "damaging a hotel"
_HARM_SEEN = rx.compile(
    r"\b(?:fire|fires|blaze|damag\w*|destroy\w*|explosions?|burn\w*|collapsed)\b", re.IGNORECASE
)
_NO_BEFORE = rx.compile(r"\b(?:no|neither|nor|without|not)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_LANDED = rx.compile(r"(?:hit|hits|struck|bombed|pounded|shelled|destroyed|damaged)$", re.IGNORECASE)


def _stopped_in_flight(told: Draft, new: Draft) -> bool:
    """ "The Houthis launched a drone attack into the Red Sea. Coalition warships shot down 28 UAVs.":
    an attack told with no harm, whose weapons the next sentence says were stopped, was stopped."""
    return (
        new.sub_event_type == "Disrupted weapons use"
        and told.sub_event_type in ("Air/drone strike", "Shelling/artillery/missile attack")
        # (the sentence after the one that told it, or after the one that told it again)
        and (
            new.sentence == told.sentence + 1
            or (new.paragraph == told.retold_in and new.sentence - told.sentence <= 3)
        )
        and not told.landed
        and not _harm_seen(told)
        and not told.fatalities
        and not told.injuries
        and bool(told.weapons)
        and set(told.weapons) <= AERIAL
        and _weapons_meet(told.weapons, new.weapons)
    )


def _weapons_meet(a: list[str], b: list[str]) -> bool:
    """Whether two accounts name the same weapons: "a ballistic missile ... the missile" does."""
    return any(x == y or (x == "missile" and y.endswith("missile")) or (y == "missile" and x.endswith("missile"))
               for x in a for y in b)  # fmt: skip


def _harm_seen(d: Draft) -> bool:
    """Whether the sentence that told ``d`` says something was hit: "a fire broke out at the terminal"
    (read only for the rare account that may turn out stopped in flight)."""
    for ev in d.evidence:
        if ev.field == "sentence":
            text = ev.text
            if any(
                not _NO_BEFORE.search(text, max(0, m.start() - 20), m.start())
                for m in _HARM_SEEN.finditer(text)
            ):
                return True
    return False


def _retype_as_stopped(told: Draft, new: Draft, lex: Lexicon) -> None:
    told.event_type, told.sub_event_type, told.weak_type = new.event_type, new.sub_event_type, False
    if new.actor1 and new.actor1 != told.actor1:
        # the attacker becomes the side whose weapons were stopped, the interceptor the one acting
        told.actor2, told.actor2_named = told.actor1, told.actor1_named
        told.actor1, told.actor1_named = new.actor1, new.actor1_named
        _swap_side_evidence(told)
        told.evidence = [e for e in told.evidence if e.field != "actor1"]
        told.evidence.extend(e for e in new.evidence if e.field == "actor1")
    elif new.actor1 is None and (side := lex.actors.get(told.actor2 or "")) is not None and side.state:
        # "U.S. forces at the base were targeted by a drone. The drone was shot down": with no one
        # else named, the forces attacked stopped it
        told.actor1, told.actor2 = told.actor2, told.actor1
        told.actor1_named, told.actor2_named = told.actor2_named, told.actor1_named
        _swap_side_evidence(told)
    elif (
        new.actor1 is None
        and told.actor2 is None
        and told.place is not None
        and (told.place.place.kind == "country" or told.place.place.rank == 0)
    ):
        # "Russia launched 35 drones at Ukraine. Air defense shot down 27", "fired a ballistic missile
        # at Ben Gurion airport ... the missile had been intercepted": the air defence of the base
        # or of the country the attack was aimed at
        force = told.place.place.operator or lex.state_force(told.place.place.country_code)
        if force in lex.actors and force != told.actor1:
            told.actor2, told.actor2_named = told.actor1, told.actor1_named
            told.actor1, told.actor1_named = force, False
            _swap_side_evidence(told)


def _swap_side_evidence(d: Draft) -> None:
    """The words for actor1 become those for actor2 and the other way round."""
    flip = {"actor1": "actor2", "actor2": "actor1"}
    d.evidence = [replace(e, field=flip[e.field]) if e.field in flip else e for e in d.evidence]


def _fold_month_summaries(drafts: list[Draft]) -> None:
    """ "The Camp Taji attacks were two rocket attacks in March 2020 on Camp Taji. ... on 11 March
    ... On 14 March ...": an account of a month at a place, whose days later sentences tell, is
    those events (the sides it names go to any that name none)."""
    for d in [d for d in drafts if d.precision == MONTH and d.day is not None and d.place is not None]:
        days = [
            b for b in drafts
            if b.sentence > d.sentence and b.precision == DAY and b.day is not None
            and (b.day.year, b.day.month) == (d.day.year, d.day.month)
            and b.sub_event_type == d.sub_event_type
            and b.place is not None and b.place.place.id == d.place.place.id
        ]  # fmt: skip
        if not days:
            continue
        drafts.remove(d)
        for b in days:
            if b.actor1 is None and d.actor1 is not None:
                b.actor1, b.actor1_named = d.actor1, d.actor1_named


_IN_YEAR_BEFORE = rx.compile(r"\b(?:in|during)\s+(?:early\s+|late\s+|mid-)?$", re.IGNORECASE)


def _in_other_year(ents: list[Entity], scope: Scope, head: Entity, year: int) -> bool:
    """Whether the clause of ``head`` places it in a year other than ``year`` by a bare year ("in 2019")."""
    for e in ents:
        if (
            e.kind == "number"
            and 1900 <= e.attr("value") <= 2100
            and not e.attr("qualifier")
            and int(e.attr("value")) != year
            and e.text.isdigit()
            and scope.same_clause(e.start, head.start)
            and not scope.in_relative(e.start)  # ("Al-Fula, which the paramilitaries have held since 2024")
            and _IN_YEAR_BEFORE.search(scope.between(max(scope.start, e.start - 16), e.start))
        ):
            return True
    return False


def _tallied_apart(scope: Scope, pos: int, tallied: list[int], triggers: list[Entity]) -> bool:
    """Whether the stretch between commas holding ``pos`` holds a tally cue and none of ``triggers``."""
    lo = max((k for k in scope.commas if k < pos), default=scope.start)
    hi = min((k for k in scope.commas if k > pos), default=scope.end)
    return any(lo <= k < hi for k in tallied) and not any(lo <= t.start < hi for t in triggers)


def _hit_victim(p: ActorPhrase, triggers: list[Entity], scope: Scope) -> bool:
    """Whether a victim word ("civilians", "residents") names people the event struck: not in a
    clause on the place ("sites where the Houthis store the missiles they have used to attack
    civilian vessels"), outside the background, and not denied ("no indication that any civilians
    were harmed")."""
    if p.role != "victim" or scope.in_background(p.start):
        return False
    if _DENIED_BEFORE.search(scope.between(max(scope.start, p.start - 40), p.start)):
        return False
    # the clause on a place the words begin with "where", up to the victim word, with no event word
    # of the sentence in it
    lo = max((k + 1 for k in scope.commas if k < p.start), default=scope.start)
    where = _WHERE.search(scope.between(lo, p.start))
    return where is None or any(lo + where.start() < t.start < p.start for t in triggers)


_WHERE = rx.compile(r"\bwhere\b(?!.*\bwhere\b)", re.IGNORECASE | re.DOTALL)  # the last "where"
# "no civilians", "no indication that any civilians", "without harming any civilians" (but "no fewer
# than 20 civilians" counts them)
_DENIED_BEFORE = rx.compile(
    r"\b(?:no|not|without|nor)\s+(?!(?:fewer|less|more)\b)(?:[\w'\u2019-]+\s+){0,3}?(?:any\s+)?$",
    re.IGNORECASE,
)


def _place_wide_tolls(drafts: list[Draft]) -> None:
    """A country-wide account placed by one later sentence alone ("conducted an airstrike in
    northwest Syria, killing X ... The strike was carried out near Idlib") is that one event: its
    toll, where the placing sentence gives none, is the toll of the event placed. (Placed by several,
    the toll is the whole account's and says nothing of any one place.)"""
    children: dict[int, list[Draft]] = defaultdict(list)
    for d in drafts:
        if d.wide is not None:
            children[id(d.wide)].append(d)
    for wide in drafts:
        placed = children.get(id(wide), [])
        if len(placed) != 1:
            continue
        (one,) = placed
        for kind in ("fatalities", "injuries"):
            if getattr(one, kind) is None and getattr(wide, kind) is not None:
                setattr(one, kind, getattr(wide, kind))
                one.evidence.extend(e for e in wide.evidence if e.field == kind)


def _fold_headlines(drafts: list[Draft]) -> None:
    """A headline sums up the body ("U.S. strikes Kataib Hezbollah sites south of Baghdad"): an
    event only it tells, where the body tells one of the same kind, day and side elsewhere, is that
    one (placed by the body); one the body does not tell stays."""
    body = [d for d in drafts if not d.headline]
    for h in [d for d in drafts if d.headline]:
        same = next(
            (b for b in body
             if b.event_type == h.event_type
             and (h.day is None or b.day is None or b.day == h.day or h.date_strength < EXPLICIT)
             and (h.actor1 is None or b.actor1 is None or b.actor1 == h.actor1)),
            None,
        )  # fmt: skip
        if same is not None:
            drafts.remove(h)


_REPELLED_IT = rx.compile(
    r"\s+(?:the|this|that|their|its|both|all|these|those)\s+(?:[\w-]+\s+)?(?:attack|assault|offensive|raid|incursion)s?\b"
    # "repelled an attack on the dam": on the place just told
    r"|\s+an?\s+(?:[\w-]+\s+)?(?:attack|assault|offensive|raid|incursion)\s+on\s+the\s+(?:dam|base|camp|town|city|village|post|airport)\b",
    re.IGNORECASE,
)


def _attacker_repelled(
    triggers: list[Entity],
    ents: list[Entity],
    phrases: list[ActorPhrase],
    resolved: dict[int, str | None],
    scope: Scope,
) -> ActorPhrase | None:
    """The side whose attack was beaten back: "repelled an RSF attack", "repulsed an attack by the rebels"."""
    rep = next((t for t in triggers if t.attr("family") == "repel"), None)
    if rep is None:
        return None
    attack = next((e for e in ents if e.kind == "trigger" and e.attr("family") in ("attack", "clash", "strike")
                   and 0 < e.start - rep.end <= 30), None)  # fmt: skip
    if attack is None:
        return None
    for p in phrases:
        before_noun = rep.end <= p.start and p.end <= attack.start
        by_after = 0 <= p.start - attack.end <= 12 and _BY_GAP.match(scope.between(attack.end, p.start))
        if (before_noun or by_after) and resolved.get(id(p)) and p.role in ("actor", "weapon"):
            return p
    return None


_BY_GAP = rx.compile(r"^\s+(?:launched\s+|carried\s+out\s+)?by\s+(?:the\s+)?$", re.IGNORECASE)


def _repelled_it(triggers: list[Entity], scope: Scope) -> bool:
    """ "repelled the attack", "fought off the assault": beating back the attack just told."""
    return any(
        t.attr("family") == "repel" and _REPELLED_IT.match(scope.text, t.end - scope.start) for t in triggers
    )


def _blamed_side(d: Draft) -> str:
    """The field a blame fills: who attacked, or, for an attack stopped in flight, whose it was."""
    return "actor2" if d.sub_event_type == "Disrupted weapons use" else "actor1"


def _blame_open(d: Draft) -> bool:
    """Whether the side a blame would name is still unknown or only a placeholder."""
    side = _blamed_side(d)
    told = getattr(d, side)
    return told is None or not getattr(d, f"{side}_named") or told.startswith("unidentified_")


def _lay_blame(d: Draft, actor: str, named: bool, words: Evidence | None) -> None:
    """ "U.S. officials blamed Kataib Hezbollah", "Zelenskiy blamed Russia for the attack": the side
    blamed acted (for an interception, its weapons were the ones stopped); the words naming it
    replace those of the placeholder."""
    side = _blamed_side(d)
    if actor == (d.actor2 if side == "actor1" else d.actor1):
        return  # the side hit (or the interceptor) is not the one to blame
    if side == "actor1" and actor != d.actor1 and d.claimed:
        # ("a PMF statement said ... The statement blamed the Islamic State": the group blamed
        # claimed nothing)
        d.claimed = False
        d.evidence = [e for e in d.evidence if e.field != "claimed_by"]
    setattr(d, side, actor)
    setattr(d, f"{side}_named", named)
    d.evidence = [e for e in d.evidence if e.field != side]
    if words is not None:
        d.evidence.append(replace(words, field=side))


def _spread_to_account(drafts: list[Draft], d: Draft, gaz: Gazetteer) -> bool:
    """ "The government blamed both attacks on JNIM", "the group said it was behind both attacks in
    Iraq": the side named carried out each event just told on that day (there) that had no side of
    its own; for an interception, it is the side whose weapons were stopped. Whether any was."""
    # ("both attacks in Iraq": those there; "..., al-Qaeda's affiliate in the Sahel" says nothing of where)
    where = d.place.place if d.place is not None and d.place.place.kind == "country" else None
    # ("claimed the attacks", counting none: every one of that day the account has told so far)
    reach = 4 if d.several else _ACCOUNT_REACH
    told = [
        o for o in drafts
        if o.day == d.day and 0 <= d.sentence - o.sentence <= reach
        and (where is None or o.place is None or gaz.contains(where, o.place.place))
    ]  # fmt: skip
    if len(told) < d.several:
        # "claimed all three attacks" after a week's account: the three last told, whatever their days
        told = [o for o in drafts if not o.background and 0 <= d.sentence - o.sentence <= 12][-d.several :]
    for o in told:
        side = _blamed_side(o)  # (for an interception, the side whose weapons were stopped)
        if getattr(o, side) is None or getattr(o, side).startswith("unidentified_"):
            setattr(o, side, d.actor1)
            setattr(o, f"{side}_named", d.actor1_named)
        o.claimed = o.claimed or d.claimed
        o.evidence.extend(e for e in d.evidence if e.field in ("actor1", "claimed_by"))
    return bool(told)


def _told_with(drafts: list[Draft], told: Draft) -> list[Draft]:
    """The events one sentence told on one day, ``told`` among them ("struck targets in Iraq and
    Syria": one in each country): what a later sentence says of "the strikes" holds for each."""
    return [d for d in drafts if d.sentence == told.sentence and d.day == told.day]


def _between_sides(live: list[ActorPhrase], scope: Scope) -> tuple[ActorPhrase, ActorPhrase] | None:
    """The two sides of "fighting between X and Y", in that order."""
    for k, first in enumerate(live[:-1]):
        if not _BETWEEN_BEFORE.search(scope.between(max(scope.start, first.start - 30), first.start)):
            continue
        second = live[k + 1]
        if first.role in ("actor", "weapon") and second.role in ("actor", "weapon"):
            if _AND_GAP.match(scope.between(first.end, second.start)):
                return first, second
    return None


def _coordinated_parts(start: int, text: str, ents: list[Entity]) -> list[tuple[int, int]] | None:
    """The stretches of a sentence joined by ", and in <Place>" when each has an event word and a
    place of its own, by ", and that" when each has an event word and a day of its own ("...
    said 17 civilians were killed on Wednesday when shells fell, and that RSF fighters looted shops
    on Thursday"), or by ", before another group ..." when each has an event word and a count of its
    own; None when the sentence is one account."""
    for pattern, needs in ((_AND_IN_PLACE, "place"), (_AND_THAT, "date"), (_THEN_ANOTHER, "number")):
        cuts = [start + m.start() for m in pattern.finditer(text)]
        if not cuts:
            continue
        bounds = [start, *cuts, start + len(text)]
        parts = list(zip(bounds, bounds[1:], strict=False))
        own: list[set[str]] = []
        for a, b in parts:
            inside = [e for e in ents if a <= e.start and e.end <= b]
            if not any(e.kind == "trigger" for e in inside):
                break
            own.append({e.text.lower() for e in inside if e.kind == needs})
            if not own[-1]:
                break
        else:
            if needs == "place" or all(x.isdisjoint(y) for x, y in zip(own, own[1:], strict=False)):
                return parts
    return None


def _partly_stopped(told: Draft, new: Draft, gaz: Gazetteer) -> bool:
    """ "The drones struck a fuel station, killing three. The army said its air defences had
    intercepted most of the drones.": the part of an attack that did not get through is no event."""
    return (
        new.sub_event_type == "Disrupted weapons use"
        and told.sub_event_type in ("Air/drone strike", "Shelling/artillery/missile attack")
        and (told.landed or _harm_seen(told) or bool(told.fatalities) or bool(told.injuries))
        and bool(set(told.weapons) & set(new.weapons))
        and (new.place is None or (told.place is not None and gaz.nested(new.place.place, told.place.place)))
        and _PART_OF.search(next((e.text for e in new.evidence if e.field == "sentence"), "")) is not None
    )


def _got_through(stopped: Draft, new: Draft) -> bool:
    """ "Air defences destroyed 158 drones over 15 regions. In Moscow, a drone hit a refinery": a
    hit somewhere named, after interceptions told country-wide or nowhere, is one that got through."""
    return (
        stopped.sub_event_type == "Disrupted weapons use"
        and new.sub_event_type != stopped.sub_event_type
        and new.landed
        and new.place is not None
        and new.place.place.rank <= 1
        and (stopped.place is None or stopped.place.place.kind == "country")
    )


def _same_day_and_place(a: Draft, b: Draft, gaz: Gazetteer) -> bool:
    """Whether nothing told sets the two apart in time or place (a day or a place left open agrees)."""
    return (a.day is None or b.day is None or a.day == b.day) and (
        a.place is None or b.place is None or gaz.nested(a.place.place, b.place.place)
    )


def _merge_into(drafts: list[Draft], new: Draft, gaz: Gazetteer, recent: Draft | None) -> Draft | None:
    """Join ``new`` to the draft it continues, or keep it as a new one; returns the draft touched."""
    if recent is not None and not new.background and _partly_stopped(recent, new, gaz):
        return recent
    if (
        recent is not None
        and recent.event_type == "Protests"
        and new.event_type != "Protests"
        and new.actor1 is not None
        and (side := gaz.lex.actors.get(new.actor1)) is not None
        and side.state
        and not new.fatalities
        and new.sentence - recent.sentence <= 2
        and _same_day_and_place(recent, new, gaz)
    ):
        # "Security forces fired tear gas when some of them tried to cross a bridge": the protest met
        # by force, not an attack of its own
        if recent.sub_event_type == "Peaceful protest":
            recent.sub_event_type = "Protest with intervention"
            recent.evidence.extend(e for e in new.evidence if e.field == "event_type")
        if recent.actor2 is None:
            recent.actor2, recent.actor2_named = new.actor1, new.actor1_named
        return recent
    if new.place is None and not new.background and recent is not None and _stopped_in_flight(recent, new):
        for stopped in _told_with(drafts, recent):
            _retype_as_stopped(stopped, new, gaz.lex)
        _absorb(recent, new, gaz)
        return recent
    if (
        (
            new.place is None
            # ("... a military target in the Jaffa area": aimed at the country where it was stopped)
            or (
                recent is not None
                and recent.place is not None
                and new.place.place.country == recent.place.place.country
                and new.place.place.rank >= 1
            )
        )
        and not new.background
        and recent is not None
        and recent.sub_event_type == "Disrupted weapons use"
        and new.sub_event_type != recent.sub_event_type
        and not new.landed
        and not new.fatalities
        and not new.injuries
        and new.actor1 is not None
        and recent.actor2 in (new.actor1, None)
        and (recent.day is None or new.day is None or recent.day == new.day)
        # (not where the report told that side's hit on the same target: "the group said it attacked
        # the tanker" after the tanker was hit and a missile at the destroyer was downed)
        and not any(
            o is not recent
            and o.sub_event_type != recent.sub_event_type
            and o.actor1 == new.actor1
            and o.actor2 == new.actor2
            for o in drafts
        )
    ):
        # "... shot down 12 drones fired by the Houthis. The Houthis said they had targeted a container
        # ship with drones": the attack the interception stopped, told (and claimed) by its attacker
        _absorb(recent, new, gaz)
        return recent
    if new.place is None and not new.background and recent is not None and _compatible(recent, new, gaz):
        _absorb(recent, new, gaz)  # "A strike notably hit the hospital": more of what was just told
        return recent
    if (
        new.place is None
        and not new.background
        and recent is not None
        and recent.place is not None
        and new.sub_event_type == "Disrupted weapons use"
        and new.in_flight
        and not new.anaphoric
        and new.sentence - recent.sentence <= 2
        and recent.sub_event_type != new.sub_event_type
        and new.actor1_named
        and new.actor1 not in (None, recent.actor1)
        and (recent.day is None or new.day is None or recent.day == new.day)
    ):
        # "A U.S. Navy destroyer later shot down a missile fired toward the ship": the ship
        # attacked, then a missile stopped there by another side, two events in one place
        new.place, new.day = recent.place, new.day or recent.day
        if new.actor2 is None:
            new.actor2, new.actor2_named = recent.actor1, recent.actor1_named
        drafts.append(new)
        return new

    if (
        recent is not None
        and new.sub_event_type == "Arrests"
        and recent.event_type in ("Protests", "Riots")
        and _same_day_and_place(recent, new, gaz)
    ):
        # "Security forces later cleared the compound and arrested about 20 people": the protest's
        # end, not an event of its own
        if recent.sub_event_type == "Peaceful protest":
            recent.sub_event_type = "Protest with intervention"
            recent.evidence.extend(e for e in new.evidence if e.field == "event_type")
        return recent
    if recent is not None and new.actor1 is None and recent.actor2 and _got_through(recent, new):
        new.actor1, new.actor1_named = recent.actor2, recent.actor2_named  # the attacker's drone got through
    elif (
        recent is not None
        and new.actor1 is None
        and recent.actor2
        and recent.sub_event_type == "Disrupted weapons use" != new.sub_event_type
        and set(new.weapons) & set(recent.weapons)
        and new.place is not None
        and any(
            d.place is not None and gaz.contains(d.place.place, new.place.place)
            for d in _told_with(drafts, recent)
        )
    ):
        # "... destroyed 30 Ukrainian drones over the Belgorod region. In Belgorod, the wreckage of a
        # drone fell on a house": one of the drones of the side stopped there
        new.actor1, new.actor1_named = recent.actor2, recent.actor2_named
    matches = [k for k in range(len(drafts) - 1, -1, -1) if _compatible(drafts[k], new, gaz)
               and not (new.background and drafts[k].day != new.day)
               and not _got_through(drafts[k], new)]  # fmt: skip
    if new.anaphoric and new.place is not None and new.place.place.rank <= 2:
        told = new.place.place
        broader = [k for k in matches if (p := drafts[k].place) is not None and _refines(p.place, told, gaz)]
        # the place itself, or one in it or around it ("the strikes on Hodeidah" after "the port of
        # Hodeidah"), already told
        same = [k for k in matches if k not in broader and (p := drafts[k].place) is not None
                and (p.place.id == told.id or gaz.nested(told, p.place))]  # fmt: skip
        if broader and not same:
            # "The U.S. struck sites in Iraq and Syria. In Iraq, the strikes hit Al-Qaim and Akashat":
            # the places of a strike told country-wide, each one event of that strike's kind (the
            # country-wide account is then told by them: see Draft.refined)
            wide = drafts[broader[0]]
            _inherit(new, wide)
            wide.refined, new.wide = True, wide
            drafts.append(new)
            return new
        if same:
            # "five were killed in the strikes on Hodeidah": more of the event told there, however
            # many were told since
            target = drafts[same[0]]
            _absorb(target, new, gaz)
            return target
    if (
        new.anaphoric
        and not matches
        and recent is not None
        and new.place is not None
        and new.place_explicit
        and new.actor2_named
        and new.hit_named
        and recent.actor2
        and new.actor2 != recent.actor2
        and recent.day == new.day
    ):
        # "Militants attacked a passenger boat and an army camp ... The attack on the army's position
        # in Bamba came at the same time": the account's other event, with its own side hit
        if new.actor1 is None:
            new.actor1, new.actor1_named = recent.actor1, recent.actor1_named
        new.anaphoric = False
        drafts.append(new)
        return new
    earlier = any(dr.sentence != new.sentence for dr in drafts)  # a list in one sentence refers to nothing
    if new.anaphoric and earlier and (not matches or drafts[matches[0]] is not recent):
        claimed = (
            next(
                (d for d in reversed(drafts) if d.actor1 == new.actor1 and d.event_type == new.event_type),
                None,
            )
            if new.claimed and new.actor1_named and new.place is None and new.date_strength <= FRAME
            else None
        )
        if (
            claimed is None
            and new.claimed
            and new.actor1_named
            and new.place is None
            and new.date_strength <= FRAME
            and recent is not None
            and recent.event_type == new.event_type
            and _blame_open(recent)
            and _blamed_side(recent) == "actor1"
        ):
            # "JNIM claimed the ambush ... on Wednesday", just after an ambush told with no side acting
            claimed = recent
            claimed.actor1, claimed.actor1_named = new.actor1, True
            claimed.evidence.extend(e for e in new.evidence if e.field == "actor1")
        if claimed is not None:
            # "The Islamic State later claimed the checkpoint attack", told after the raid that followed
            # it (its day only carried over from that raid)
            claimed.claimed = True
            claimed.evidence.extend(e for e in new.evidence if e.field == "claimed_by")
            return claimed
        return None  # "the attack had taken place in Syria": a word about an event told, not a new one
    if not matches:
        if (
            new.place is None
            and not new.anaphoric
            and new.actor1 is not None
            and recent is not None
            and recent.place is not None
            and new.date_strength == FRAME
            and new.day is not None
            and recent.day is not None
            and new.day > recent.day
            and new.sentence - recent.sentence <= 3
        ):
            # "The next day, the air force struck a column fleeing the area": the story goes on
            # where it was told, on a later day the words count from the event just told
            new.place = recent.place
            drafts.append(new)
            return new
        if (
            new.place is None
            and recent is not None
            and recent.launched_from is not None
            and new.actor1 is not None
            and new.actor1 == recent.actor2 != recent.actor1
            and new.event_type == "Explosions/Remote violence"
            and new.sentence - recent.sentence <= 3
        ):
            # "The rockets were launched from a truck near Zummar ... A U.S. warplane then destroyed the
            # launch vehicle": the side fired at struck back where the fire came from
            new.place, words = recent.launched_from
            new.evidence.append(words)
            drafts.append(new)
            return new
        if new.place is None and new.date_strength < EXPLICIT and drafts:
            return None  # says too little to stand alone and fits nothing told before
        drafts.append(new)
        return new
    target = drafts[matches[0]]
    if len(matches) > 1 and (new.place is None or not new.place_explicit or _broader(new, target, gaz)):
        distinct = {p.place.id for k in matches if (p := drafts[k].place) is not None}
        if len(distinct) > 1:
            return None  # a summary of several events told apart: adds nothing to any one of them
    _absorb(target, new, gaz)
    return target


def _inherit(new: Draft, told: Draft) -> None:
    """Fill what a sentence referring back to ``told`` leaves unsaid from it: side, kind, day, weapons."""
    # a kind guessed for want of a side ("the strikes hit X": a clash of unknown sides) gives way
    # to the kind of the account it refers to, which had its side
    side_carried = new.actor1 is None and told.actor1 is not None
    if new.actor1 is None:
        new.actor1, new.actor1_named = told.actor1, told.actor1_named
    if new.actor2 is None:
        new.actor2, new.actor2_named = told.actor2, told.actor2_named
    if new.weak_type and (not told.weak_type or side_carried):
        new.event_type, new.sub_event_type, new.weak_type = (
            told.event_type,
            told.sub_event_type,
            told.weak_type,
        )
    if told.day is not None and (new.day is None or new.date_strength < told.date_strength):
        new.day, new.precision, new.date_strength = told.day, told.precision, told.date_strength
    new.weapons = new.weapons or list(told.weapons)
    new.claimed = new.claimed or told.claimed
    new.anaphoric = False
    for kind in ("fatalities", "injuries"):
        # "... killed a senior ISIS official. Two other ISIS operatives were killed in the raid"
        if getattr(new, kind) and getattr(told, kind) and _counts_others(new, kind):
            setattr(new, kind, getattr(new, kind) + getattr(told, kind))


def _counts_others(d: Draft, kind: str) -> bool:
    """Whether the words for ``d``'s figure of ``kind`` count more besides ("two other operatives")."""
    return any(e.field == kind and _OTHERS_TOO.match(e.text) for e in d.evidence)


def _told_after_it(old: Draft, new: Draft) -> bool:
    """ "The army said on Tuesday it had repelled an assault on Babanusa ... Fighting began at dawn on
    Monday": a day of the telling just after the day an account gives, at one place, is that day's event."""
    told, dated = sorted((old, new), key=lambda d: d.date_strength)
    return (
        told.date_strength == REPORTED
        and dated.date_strength >= EXPLICIT
        and not (told.headline or dated.headline)  # (a headline sums up the body: see _fold_headlines)
        and told.day is not None
        and dated.day is not None
        and 0 < (told.day - dated.day).days <= 2
        and told.place is not None
        and dated.place is not None
        and told.place.place.id == dated.place.place.id
    )


def _compatible(old: Draft, new: Draft, gaz: Gazetteer) -> bool:
    if (
        old.listed == new.listed >= 0
        and old.place is not None
        and new.place is not None
        and (old.place.place.id != new.place.place.id)
    ):
        return False  # "attacked Niono and Molodo": each place of one list is an event of its own
    if (
        new.actor1 is not None
        and new.actor1 == old.actor2 != old.actor1
        and new.event_type == old.event_type == "Explosions/Remote violence"
        and new.sub_event_type != old.sub_event_type
    ):
        # "Rockets were fired at the base. A U.S. warplane then destroyed the launcher": struck back
        return False
    if old.event_type != new.event_type and not (old.weak_type or new.weak_type):
        # (an attack and its interception are one event; a capture and drones downed are not)
        disrupted = "Disrupted weapons use" in (old.sub_event_type, new.sub_event_type) and {
            old.event_type,
            new.event_type,
        } <= {"Explosions/Remote violence", "Strategic developments"}
        if not disrupted:
            return False
    if (
        old.sub_event_type != new.sub_event_type
        and not (old.weak_type or new.weak_type)
        and old.sentence != new.sentence
        and old.place_explicit
        and new.place_explicit
        and "Disrupted weapons use" not in (old.sub_event_type, new.sub_event_type)
        # ("took control of the palace ... after overnight fighting": the fight for the ground it took)
        and not _fight_for_ground(old, new)
    ):
        return False  # glide bombs on the city, a missile on a village north of it: two strikes
    if new.separate and old.sub_event_type != new.sub_event_type and not new.weak_type:
        return False  # "Separately, ...", "had also abducted dozens": another act, not more of that one
    if old.day and new.day and old.day != new.day:
        # two days the text gives (even one only as the day of a report) are two events, unless one
        # of them was merely carried over from the sentence before
        if (
            min(old.date_strength, new.date_strength) >= REPORTED
            and max(old.date_strength, new.date_strength) >= EXPLICIT
        ) or min(old.date_strength, new.date_strength) >= FRAME:  # two entries of a dated list
            slack = 7 if WEEK in (old.precision, new.precision) else 0
            if abs((old.day - new.day).days) > slack and not _told_after_it(old, new):
                return False
    if old.place and new.place:
        a, b = old.place.place, new.place.place
        if not gaz.nested(a, b):
            return False
    if (
        old.event_type == new.event_type == "Battles"
        and old.actor1
        and old.actor2
        and ({old.actor1, old.actor2} == {new.actor1, new.actor2})
    ):
        return True  # "JNIM ambushed the convoy ... The army said it had repelled the attack": one fight
    for hit, x, y, xn, yn in ((False, old.actor1, new.actor1, old.actor1_named, new.actor1_named),
                              (True, old.actor2, new.actor2, old.actor2_named, new.actor2_named)):  # fmt: skip
        if x and y and x != y and ((xn and yn) or not _may_be(gaz.lex, x, y)):
            if hit and not (xn and yn) and _GENERIC in (x, y) and "civilians" not in (x, y):
                continue  # "hit the facility": a site whose holder the words leave open, whoever it is
            if hit and new.anaphoric and y == "civilians" and old.event_type == new.event_type == "Battles":
                continue  # "In the fighting that followed, 20 soldiers and a civilian died": the fight told
            return False
    return not (old.actor1 and new.actor2 and old.actor1 == new.actor2 and old.actor2 != new.actor2)


def _fight_for_ground(old: Draft, new: Draft) -> bool:
    """A capture and a fight told at one place: the fight is the capture's."""
    subs = {old.sub_event_type, new.sub_event_type}
    return (
        "Armed clash" in subs
        and bool(subs & _TAKEOVERS)
        and old.day is not None
        and old.day == new.day
        and abs(old.sentence - new.sentence) <= 1
    )


def _may_be(lex: Lexicon, a: str, b: str) -> bool:
    """Whether two ways of naming a side may be the same side: an unidentified Iran-backed
    militia may be Kataib Hezbollah, but never US forces; civilians are never an armed side."""
    if "civilians" in (a, b):
        return False
    for vague, other in ((a, b), (b, a)):
        if not vague.startswith("unidentified_"):
            continue
        o = lex.actors.get(other)
        if o is None:
            return True
        if o.state:
            return False
        sponsors = set(lex.actors[vague].sponsors) if vague in lex.actors else set()
        return not sponsors or bool(sponsors & set(o.sponsors)) or other.startswith("unidentified_")
    return True


def _refines(old: Place, new: Place, gaz: Gazetteer) -> bool:
    """Whether ``new`` is a more specific place for the same event: a base or town inside a country
    or division. A district of a city is not: ACLED codes the city."""
    if old.id == new.id or not gaz.contains(old, new):
        return False
    return not (old.kind == "town" and new.kind in ("town", "district"))


def _broader(new: Draft, old: Draft, gaz: Gazetteer) -> bool:
    return bool(old.place and new.place and gaz.contains(new.place.place, old.place.place)
                and new.place.place.id != old.place.place.id)  # fmt: skip


def _absorb(old: Draft, new: Draft, gaz: Gazetteer) -> None:
    old.launched_from = old.launched_from or new.launched_from
    # a town's own toll replaces the toll of the country-wide (or region-wide) account it places
    # ("... killing 30 across the country. In Kyiv, 16 were killed"): that figure counts other towns too
    narrowed = (
        new.place is not None
        and new.place.place.rank <= 1
        and (old.place is None or old.place.place.kind in ("country", "admin1"))
        and new.sentence != old.sentence
    )
    if narrowed:
        for kind in ("fatalities", "injuries"):
            if getattr(new, kind) is not None:
                setattr(old, kind, None)
                old.evidence = [e for e in old.evidence if e.field != kind]
    if new.place and (old.place is None or _refines(old.place.place, new.place.place, gaz)):
        old.place, old.place_explicit = new.place, new.place_explicit
    if new.date_strength > old.date_strength and new.day is not None:
        old.day, old.precision, old.date_strength = new.day, new.precision, new.date_strength
    if (
        old.weak_type
        and not new.weak_type
        # ("... killed at least 20 civilians. The soldiers rounded up men and shot them": still killings)
        and not (new.event_type == "Strategic developments" and old.fatalities)
        # ("fighters attacked the airport ... where they set fire to": still an attack, not a riot)
        and not (new.event_type in ("Riots", "Protests") and old.event_type in _ATTACKING_TYPES)
        or (
            old.sub_event_type == "Disrupted weapons use"
            # a hit told ("the other hit the compound", "one person was killed in Lviv"), not a claim
            and (new.landed or bool(new.fatalities) or bool(new.injuries))
            and new.sub_event_type != old.sub_event_type
        )
        # (the fight told first, the ground it took after: the capture is the event)
        or (
            old.sub_event_type == "Armed clash"
            and new.sub_event_type in _TAKEOVERS
            and _fight_for_ground(old, new)
        )
    ):
        old.event_type, old.sub_event_type, old.weak_type = new.event_type, new.sub_event_type, new.weak_type
    old.assoc1 = old.assoc1 or new.assoc1
    old.assoc2 = old.assoc2 or new.assoc2
    # ("Ukraine's air force said it had shot down 11 of 20 drones" adds nothing to who struck Kharkiv)
    stopped_only = new.sub_event_type == "Disrupted weapons use" != old.sub_event_type
    if old.sub_event_type == "Disrupted weapons use" != new.sub_event_type:
        # "the group said it had attacked the base with drones", after they were shot down: the
        # attacker is the side whose drones were stopped; the side the attack was aimed at ("Coalition
        # troops suffered minor injuries from the debris") is the interceptor's, not a side acted upon
        if new.actor1 and (old.actor2 is None or (new.actor1_named and not old.actor2_named)):
            old.actor2, old.actor2_named = new.actor1, new.actor1_named
        stopped_only = True
    for attr in () if stopped_only else ("actor1", "actor2"):
        named = f"{attr}_named"
        if getattr(new, attr) and (
            getattr(old, attr) is None or (getattr(new, named) and not getattr(old, named))
        ):
            setattr(old, attr, getattr(new, attr))
            setattr(old, named, getattr(new, named))
    old.weapons = list(dict.fromkeys(old.weapons + new.weapons))
    # A side's claim of its own toll gives way to a count from anyone else, however much lower
    # (ACLED takes the more conservative figure); otherwise the higher count stands (tolls rise).
    claim_only = new.claimed_toll and not old.claimed_toll and (old.fatalities or old.injuries)
    recount = old.claimed_toll and not new.claimed_toll and bool(new.fatalities or new.injuries)
    for kind in () if claim_only else ("fatalities", "injuries"):
        v = getattr(new, kind)
        if v and old.sentence != new.sentence and getattr(old, kind) and _counts_others(new, kind):
            # "... killed a senior ISIS official. Two other ISIS operatives were killed": more dead
            setattr(old, kind, getattr(old, kind) + v)
        elif v is not None and (getattr(old, kind) is None or v > getattr(old, kind) or (recount and v)):
            setattr(old, kind, v)
    if recount:
        old.claimed_toll = False
    elif new.claimed_toll and not claim_only and (new.fatalities or new.injuries):
        old.claimed_toll = True  # (the toll it now has is that claim)
    old.claimed = old.claimed or new.claimed
    old.landed = old.landed or new.landed
    old.retold_in = max(old.retold_in, new.paragraph)  # (told again there: the next lines may add its toll)
    old.evidence.extend(new.evidence)  # duplicates go when the mention is made (dict.fromkeys)


# -- helpers ---------------------------------------------------------------------------


_OUR_BEFORE = rx.compile(r"\bour\s+$", re.IGNORECASE)
_GROUND_FORCE = rx.compile(
    r"\b(?:troops|soldiers|fighters|infantry|gunmen|men|militiamen|commandos|units?)\b", re.I
)
_MILITARY_BODY = rx.compile(
    r"\b(?:ministry\s+of\s+(?:national\s+)?defen[cs]e|defen[cs]e\s+ministry|ministry\s+of\s+the\s+armed\s+forces|general\s+staff|"
    r"armed\s+forces|army|forces\s+arm[ée]es|air\s+force|navy)\b"
)
# what a side announces doing here is no claim of an attack ("the SDF said it arrested five men")
_NOT_CLAIMED = frozenset(
    {"Arrests", "Peaceful protest", "Protest with intervention", "Violent demonstration"}
)
_LAG_AFTER = rx.compile(r"\bafter$", re.IGNORECASE)  # a frame date that ends a clause's cue ("a day after")


_HEADING_REST = rx.compile(r"[\s,.:;()\u2013\u2014-]*")


def _date_heading(
    sent: model.Sentence, ents: list[Entity], reference: date | None
) -> tuple[date, int] | None:
    """The day a line that is nothing but a date gives ("Tuesday, 24 October", "25 June 2024:"), as
    trackers and live blogs head their entries; None for any other sentence."""
    text = sent.text
    if len(text) > 40 or any(e.kind not in ("date", "number") for e in ents):
        return None
    dates = [e for e in ents if e.kind == "date"]
    if not dates:
        return None
    rest = text
    for e in sorted(dates, key=lambda e: -e.start):
        rest = rest[: e.start - sent.start] + rest[e.end - sent.start :]
    if not _HEADING_REST.fullmatch(rest):
        return None
    expr = max((e.attr("expr") for e in dates), key=lambda x: (x.precision == DAY, x.day is not None))
    day, precision = resolve(expr, reference)
    return (day, precision) if day is not None and precision == DAY else None


def _bare_toll(main: Entity, ents: list[Entity], scope: Scope) -> bool:
    """ "At least seven people were killed and 81 wounded, the minister said on Tuesday": a toll
    with no place of its own, told on a later day, is the toll of the event just told."""
    return (
        main.attr("family") == "kill"
        and bool(main.attr("weak"))
        and not any(e.kind in ("place", "weapon") and scope.same_clause(e.start, main.start) for e in ents)
    )


def _furniture(sent: model.Span) -> bool:
    return bool(getattr(sent, "furniture", False)) or bool(_FURNITURE_REF.match(sent.text))


def _is_named(p: ActorPhrase | None, resolved: str | None) -> bool:
    """Named, or a description resolved to a named group ("the armed faction" -> the IRI)."""
    if p is None or resolved is None:
        return False
    return p.named or (
        p.description is not None and p.sponsor is None and not resolved.startswith("unidentified_")
    )


def _evidence(doc: Document, start: int, end: int, fld: str) -> Evidence:
    return Evidence(doc.id, start, end, doc.text[start:end], fld)


def _confidence(d: Draft) -> float:
    score = 0.35
    score += 0.15 if d.date_strength >= EXPLICIT else 0.08 if d.date_strength >= FRAME else 0.0
    score += 0.15 if d.place and d.place.place.rank <= 1 else 0.05 if d.place else 0.0
    score += 0.15 if d.actor1_named else 0.05 if d.actor1 else 0.0
    score += 0.1 if d.actor2 else 0.0
    score += 0.05 if not d.weak_type else 0.0
    return round(min(score, 0.95), 3)
