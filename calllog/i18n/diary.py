"""The diary's words: kinds of incident and column headings, nl/fr/en.

The kinds follow the seed text (slachtofferzorg.be "Stalking") and its
definition of belaging: following, watching, waiting near the home,
flowers, calls and messages, social media, threats to you or your family,
blackmail, deliveries you did not order; damage and letters (the advice to
keep them) and "other" complete the list. ``KINDS`` is their order; the
label of kind ``k`` is ``TEXTS[lang]["kind." + k]``.
"""

from __future__ import annotations

KINDS: tuple[str, ...] = (
    "following", "watching", "waiting_near_home", "deliveries", "gifts", "social_media",
    "threats", "blackmail", "calls", "messages", "letters", "damage", "other",
)
DEFAULT_KIND = "other"
FIELDS: tuple[str, ...] = ("when", "what", "where", "kind", "witnesses", "pv", "evidence")

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "kind.following": "Achtervolging",
        "kind.watching": "Bespieden",
        "kind.waiting_near_home": "Opwachten in de buurt van de woning",
        "kind.deliveries": "Bezorging van goederen die niet besteld waren",
        "kind.gifts": "Ongevraagde bloemen of geschenken",
        "kind.social_media": "Berichten op sociale media",
        "kind.threats": "Bedreiging van het slachtoffer of de familie",
        "kind.blackmail": "Chantage",
        "kind.calls": "Telefoons",
        "kind.messages": "Berichten (sms, chat)",
        "kind.letters": "Brieven of e-mails",
        "kind.damage": "Schade aan eigendom",
        "kind.other": "Andere",
        "field.when": "Datum en uur",
        "field.what": "Wat er gebeurde",
        "field.where": "Plaats",
        "field.kind": "Soort",
        "field.witnesses": "Getuigen",
        "field.pv": "Pv-nummer",
        "field.evidence": "Bewijsstukken",
        "column.number": "Nr.",
        "column.date": "Datum",
        "column.time": "Uur",
        "column.edited": "Gewijzigd",
        "title": "Dagboek",
        "edited": "gewijzigd; de eerdere tekst is bewaard",
        "earlier": "Eerder ({field}, tot {changed}): {earlier}",
    },
    "fr": {
        "kind.following": "Filature",
        "kind.watching": "Surveillance",
        "kind.waiting_near_home": "Attente près du domicile",
        "kind.deliveries": "Livraison de marchandises non commandées",
        "kind.gifts": "Fleurs ou cadeaux non désirés",
        "kind.social_media": "Messages sur les réseaux sociaux",
        "kind.threats": "Menaces envers la victime ou sa famille",
        "kind.blackmail": "Chantage",
        "kind.calls": "Appels téléphoniques",
        "kind.messages": "Messages (SMS, chat)",
        "kind.letters": "Lettres ou e-mails",
        "kind.damage": "Dégâts matériels",
        "kind.other": "Autre",
        "field.when": "Date et heure",
        "field.what": "Ce qui s'est passé",
        "field.where": "Lieu",
        "field.kind": "Type",
        "field.witnesses": "Témoins",
        "field.pv": "Numéro de PV",
        "field.evidence": "Pièces",
        "column.number": "N°",
        "column.date": "Date",
        "column.time": "Heure",
        "column.edited": "Modifié",
        "title": "Journal",
        "edited": "modifié\u00a0; le texte précédent est conservé",
        "earlier": "Avant ({field}, jusqu'au {changed})\u00a0: {earlier}",
    },
    "en": {
        "kind.following": "Following",
        "kind.watching": "Watching",
        "kind.waiting_near_home": "Waiting near the home",
        "kind.deliveries": "Deliveries that were not ordered",
        "kind.gifts": "Unwanted flowers or gifts",
        "kind.social_media": "Messages on social media",
        "kind.threats": "Threats to the victim or the family",
        "kind.blackmail": "Blackmail",
        "kind.calls": "Phone calls",
        "kind.messages": "Messages (SMS, chat)",
        "kind.letters": "Letters or e-mails",
        "kind.damage": "Damage to property",
        "kind.other": "Other",
        "field.when": "Date and time",
        "field.what": "What happened",
        "field.where": "Place",
        "field.kind": "Kind",
        "field.witnesses": "Witnesses",
        "field.pv": "PV number",
        "field.evidence": "Evidence",
        "column.number": "No.",
        "column.date": "Date",
        "column.time": "Time",
        "column.edited": "Edited",
        "title": "Diary",
        "edited": "edited; the earlier text is kept",
        "earlier": "Earlier ({field}, until {changed}): {earlier}",
    },
}


def kind_label(kind: str, lang: str) -> str:
    """The label of a kind key in ``lang``; an unknown key as it is."""
    return TEXTS[lang].get(f"kind.{kind}", kind)
