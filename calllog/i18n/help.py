"""Where to find help: the list shown in every pack and by ``calllog help-lines``.

Source: the Flemish victim-support page on stalking that started the project
(``shared/seeds/``, slachtofferzorg.be "Stalking") and DOMAIN.md. Only the
numbers and the address given there appear here: 101, 112, 1712 and
www.1712.be. Nothing is added that the source does not say; the French and
English texts translate the Dutch and keep the Dutch names of services that
have no other official name in the source.

Keys: ``title``, ``intro``, and per entry of ``HELP_ORDER``
``<entry>.name`` (who), ``<entry>.contact`` (how to reach them or when),
``<entry>.what`` (what they do).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from calllog.i18n import check_lang

HELP_ORDER: tuple[str, ...] = (
    "police", "emergency", "helpline_1712", "gp", "caw", "victim_reception",
    "legal_aid", "lawyer", "integrity", "stalking_alarm",
)
WIDTH = 78

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Hulp en advies",
        "intro": "In nood: bel de politie op 101 of het Europese noodnummer 112.",
        "police.name": "Politie",
        "police.contact": "101, dag en nacht, in dringende situaties",
        "police.what": "Je kan altijd bij de politie aangifte doen van de feiten, ook samen met iemand die je vertrouwt. De politie stelt dan een proces-verbaal (pv) op.",
        "emergency.name": "Europees noodnummer",
        "emergency.contact": "112",
        "emergency.what": "Bij acuut gevaar.",
        "helpline_1712.name": "1712",
        "helpline_1712.contact": "Bel 1712, of chat of mail via www.1712.be",
        "helpline_1712.what": "Gratis, professionele hulplijn voor iedereen met vragen over geweld, misbruik en kindermishandeling. De medewerkers luisteren naar je verhaal en verwijzen je zo nodig door naar gepaste hulp.",
        "gp.name": "Je huisarts",
        "gp.contact": "In het weekend of op feestdagen: de dokter van wacht of de huisartsenwachtpost",
        "gp.what": "Kan luisteren, je helpen de situatie uit te klaren en je doorverwijzen. Kan ook (fysieke en psychische) letsels vaststellen en een attest van arbeidsongeschiktheid maken.",
        "caw.name": "Slachtofferhulp van het CAW",
        "caw.contact": "Het CAW in je buurt",
        "caw.what": "Informatie, begeleiding, en administratieve en emotionele ondersteuning, voor slachtoffers en hun omgeving.",
        "victim_reception.name": "Dienst slachtofferonthaal bij de justitiehuizen",
        "victim_reception.contact": "Nadat je aangifte hebt gedaan",
        "victim_reception.what": "Informatie over je dossier, van de klacht tot de strafuitvoering, en steun tijdens de gerechtelijke procedure (inzage van het dossier, zittingen van de rechtbank, teruggave van inbeslaggenomen stukken).",
        "legal_aid.name": "Juridische eerstelijnsbijstand",
        "legal_aid.contact": "Gratis, voor iedereen, ongeacht je inkomen (Commissie voor Juridische Bijstand)",
        "legal_aid.what": "Praktische inlichtingen, juridische informatie en een eerste juridisch advies; zo nodig een doorverwijzing naar een gespecialiseerde organisatie.",
        "lawyer.name": "Een advocaat",
        "lawyer.contact": "Via juridische tweedelijnsbijstand (vroeger pro deo) goedkoper of gratis, afhankelijk van je financiële situatie",
        "lawyer.what": "Voor uitgebreid juridisch advies, of om je te laten vertegenwoordigen in een strafrechtelijke procedure.",
        "integrity.name": "Aanspreekpersoon integriteit (API)",
        "integrity.contact": "In jeugdorganisaties en sportclubs",
        "integrity.what": "Bij elke vorm van lichamelijk, seksueel, moreel of psychisch gedrag dat over jouw grens of die van iemand anders gaat. Elke melding wordt serieus genomen.",
        "stalking_alarm.name": "Mobiel stalkingalarm",
        "stalking_alarm.contact": "Te vragen aan de politie of het parket; werkt met de 112-app op je gsm",
        "stalking_alarm.what": "Bij levensbedreigende stalking in een familiale context. Het slachtoffer, de politie, een derde of de parketmagistraat kan het vragen; de parketmagistraat beslist of het wordt toegekend, telkens voor negen maanden. Met de knop in de 112-app gaat een oproep naar de politie, die meteen een ploeg stuurt.",
    },
    "fr": {
        "title": "Aide et conseils",
        "intro": "En cas d'urgence : appelez la police au 101 ou le numéro d'urgence européen 112.",
        "police.name": "Police",
        "police.contact": "101, jour et nuit, en cas d'urgence",
        "police.what": "Vous pouvez toujours porter plainte à la police, accompagné(e) d'une personne de confiance. La police dresse alors un procès-verbal (PV).",
        "emergency.name": "Numéro d'urgence européen",
        "emergency.contact": "112",
        "emergency.what": "En cas de danger immédiat.",
        "helpline_1712.name": "1712",
        "helpline_1712.contact": "Appelez le 1712, ou chattez ou écrivez via www.1712.be",
        "helpline_1712.what": "Ligne d'aide gratuite et professionnelle pour toute question sur la violence, les abus et la maltraitance d'enfants. On y écoute votre histoire et on vous oriente si nécessaire vers une aide adaptée.",
        "gp.name": "Votre médecin généraliste",
        "gp.contact": "Le week-end et les jours fériés : le médecin de garde ou le poste de garde de médecine générale",
        "gp.what": "Peut vous écouter, vous aider à y voir clair et vous orienter. Peut aussi constater des lésions (physiques et psychiques) et établir un certificat d'incapacité de travail.",
        "caw.name": "L'aide aux victimes du CAW (Slachtofferhulp)",
        "caw.contact": "Le CAW près de chez vous",
        "caw.what": "Information, accompagnement, et soutien administratif et émotionnel, pour les victimes et leurs proches.",
        "victim_reception.name": "Le service d'accueil des victimes des maisons de justice (Dienst slachtofferonthaal)",
        "victim_reception.contact": "Après avoir porté plainte",
        "victim_reception.what": "Informations sur votre dossier, de la plainte à l'exécution de la peine, et soutien pendant la procédure judiciaire (consultation du dossier, audiences du tribunal, restitution des pièces saisies).",
        "legal_aid.name": "L'aide juridique de première ligne",
        "legal_aid.contact": "Gratuite, pour tous, quels que soient vos revenus (Commission d'aide juridique)",
        "legal_aid.what": "Renseignements pratiques, information juridique et un premier avis juridique ; si nécessaire, une orientation vers une organisation spécialisée.",
        "lawyer.name": "Un avocat",
        "lawyer.contact": "Par l'aide juridique de deuxième ligne (anciennement pro deo), moins cher ou gratuit selon votre situation financière",
        "lawyer.what": "Pour un avis juridique complet, ou pour vous faire représenter dans une procédure pénale.",
        "integrity.name": "La personne de contact intégrité (aanspreekpersoon integriteit, API)",
        "integrity.contact": "Dans les organisations de jeunesse et les clubs sportifs",
        "integrity.what": "Pour toute forme de comportement physique, sexuel, moral ou psychologique qui dépasse vos limites ou celles de quelqu'un d'autre. Chaque signalement est pris au sérieux.",
        "stalking_alarm.name": "L'alarme anti-harcèlement mobile (mobiel stalkingalarm)",
        "stalking_alarm.contact": "À demander à la police ou au parquet ; fonctionne avec l'application 112 sur votre GSM",
        "stalking_alarm.what": "En cas de harcèlement mettant la vie en danger dans un contexte familial. La victime, la police, un tiers ou le magistrat du parquet peut la demander ; le magistrat du parquet décide de l'accorder, chaque fois pour neuf mois. Le bouton de l'application 112 lance un appel à la police, qui envoie aussitôt une équipe.",
    },
    "en": {
        "title": "Help and advice",
        "intro": "In an emergency: call the police on 101 or the European emergency number 112.",
        "police.name": "Police",
        "police.contact": "101, day and night, when it is urgent",
        "police.what": "You can always report the facts to the police, with someone you trust beside you if you wish. The police then draw up an official report (proces-verbaal, PV).",
        "emergency.name": "European emergency number",
        "emergency.contact": "112",
        "emergency.what": "When you are in immediate danger.",
        "helpline_1712.name": "1712",
        "helpline_1712.contact": "Call 1712, or chat or mail via www.1712.be",
        "helpline_1712.what": "A free, professional helpline for anyone with questions about violence, abuse and child abuse. They listen to your story and, where needed, refer you to the right help.",
        "gp.name": "Your GP",
        "gp.contact": "At weekends or on public holidays: the doctor on duty or the GP out-of-hours post",
        "gp.what": "Can listen, help you see the situation clearly and refer you on. Can also record (physical and psychological) injuries and write a certificate of unfitness for work.",
        "caw.name": "Victim support of the CAW (Slachtofferhulp)",
        "caw.contact": "The CAW near you",
        "caw.what": "Information, guidance, and practical and emotional support, for victims and the people around them.",
        "victim_reception.name": "The victim reception service of the justice houses (Dienst slachtofferonthaal)",
        "victim_reception.contact": "After you have made a complaint",
        "victim_reception.what": "Information about your case file, from the complaint to the sentence being carried out, and support during the court proceedings (reading the file, court hearings, return of seized items).",
        "legal_aid.name": "First-line legal aid (juridische eerstelijnsbijstand)",
        "legal_aid.contact": "Free, for everyone, whatever your income (Commission for Legal Aid)",
        "legal_aid.what": "Practical information, legal information and a first legal opinion; where needed, a referral to a specialised organisation.",
        "lawyer.name": "A lawyer",
        "lawyer.contact": "Through second-line legal aid (formerly pro deo), cheaper or free depending on your financial situation",
        "lawyer.what": "For full legal advice, or to represent you in criminal proceedings.",
        "integrity.name": "The integrity contact person (aanspreekpersoon integriteit, API)",
        "integrity.contact": "In youth organisations and sports clubs",
        "integrity.what": "For any physical, sexual, moral or psychological behaviour that crosses your limits or someone else's. Every report is taken seriously.",
        "stalking_alarm.name": "The mobile stalking alarm (mobiel stalkingalarm)",
        "stalking_alarm.contact": "Ask the police or the public prosecutor; it works with the 112 app on your phone",
        "stalking_alarm.what": "For life-threatening stalking in a family context. The victim, the police, a third party or the public prosecutor can ask for it; the public prosecutor decides whether it is granted, each time for nine months. The button in the 112 app sends a call to the police, who send a team at once.",
    },
}


@dataclass(frozen=True)
class HelpLine:
    """One place to find help: who, how to reach them, what they do."""

    name: str
    contact: str
    what: str


def help_lines(lang: str) -> list[HelpLine]:
    """The help list in ``lang`` (nl, fr or en), in the order to show it."""
    texts = TEXTS[check_lang(lang)]
    return [HelpLine(texts[f"{key}.name"], texts[f"{key}.contact"], texts[f"{key}.what"]) for key in HELP_ORDER]


def help_text(lang: str, width: int = WIDTH) -> str:
    """The help list as plain text, wrapped to ``width`` columns, ending
    with a newline."""
    texts = TEXTS[check_lang(lang)]

    def wrap(words: str, indent: str = "") -> list[str]:
        # "112-app" stays whole; French keeps a no-break space before ";" and ":"
        return textwrap.wrap(words, width, initial_indent=indent, subsequent_indent=indent, break_on_hyphens=False)

    out = [texts["title"], "=" * len(texts["title"]), "", *wrap(texts["intro"])]
    for line in help_lines(lang):
        out.extend(["", *wrap(line.name), *wrap(line.contact, "  "), *wrap(line.what, "  ")])
    return "\n".join(out) + "\n"
