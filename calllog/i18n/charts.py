"""The texts of the charts in Dutch, French and English.

Every word a chart shows comes from here: titles, axis labels, legends,
month and weekday names, and the small print under each chart. Dates are
written the Belgian way, ``dd/mm/yyyy`` (``15/01/2026``), in every language;
counts group thousands as people of that language write them (nl
``1.234``, fr ``1 234``, en ``1,234``).

Placeholders: ``{who}`` the person, number or numbers a chart is about,
``{n}`` a count, ``{first}``/``{last}``/``{date}`` Belgian dates,
``{start}``/``{end}`` times of day (``22:00``), ``{zone}`` an IANA zone name.
The words stay neutral: a chart shows facts, never a verdict.
"""

from __future__ import annotations

from datetime import date

from calllog.i18n import check_lang, text

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title_daily": "Contacts per day: {who}",
        "title_raster": "Every contact by date and time of day: {who}",
        "title_heatmap": "Contacts by weekday and hour: {who}",
        "title_cumulative": "Contacts added up over time: {who}",
        "title_calendar": "Contacts per day, as a calendar: {who}",
        "title_parties": "Contacts with the {n} busiest numbers (ranked by incoming contacts)",
        "period": "{first} to {last}",
        "no_period": "no events",
        "busiest": "the number with the most incoming contacts (no person of interest is marked in the case)",
        "withheld": "withheld number",
        "and": "and",
        "more_numbers": "and {n} more",
        "axis_date": "Date",
        "axis_per_day": "Contacts per day",
        "axis_time_of_day": "Time of day",
        "axis_hour": "Hour of the day (00 = from 00:00 to 00:59)",
        "axis_weekday": "Day of the week",
        "axis_running_total": "Contacts so far",
        "axis_contacts": "Number of contacts",
        "axis_month": "Month",
        "axis_day_of_month": "Day of the month",
        "axis_number": "Number",
        "calls_answered": "Calls, answered",
        "calls_unanswered": "Call attempts, not answered (missed, rejected, blocked)",
        "messages": "Messages (SMS, MMS, chat)",
        "weekly_average": "Average per day over each week (Mon–Sun)",
        "night": "Night ({start}–{end})",
        "notice": "Told to stop: {date}",
        "diary": "Diary entry",
        "incoming": "Incoming (from the number)",
        "outgoing": "Outgoing (to the number)",
        "colour_bar": "Contacts",
        "outside_period": "grey: not in the period",
        "empty_cells": "empty cell: no contact",
        "outlined": "{label} (day outlined in black)",
        "numbers": "numbers {numbers}",
        "no_contacts": "No contacts in this period",
        "masked_note": "numbers of people not involved in the case are partly hidden",
        "source": "source: calllog, {events} from {files}; time zone: {zone}",
        "events_one": "{n} event",
        "events_other": "{n} events",
        "files_one": "{n} file",
        "files_other": "{n} files",
        "contacts_one": "{n} contact",
        "contacts_other": "{n} contacts",
    },
    "nl": {
        "title_daily": "Contacten per dag: {who}",
        "title_raster": "Elk contact volgens datum en uur: {who}",
        "title_heatmap": "Contacten per weekdag en uur: {who}",
        "title_cumulative": "Contacten opgeteld in de tijd: {who}",
        "title_calendar": "Contacten per dag, als kalender: {who}",
        "title_parties": "Contacten met de {n} drukste nummers (gerangschikt volgens inkomende contacten)",
        "period": "{first} tot {last}",
        "no_period": "geen gebeurtenissen",
        "busiest": "het nummer met de meeste inkomende contacten (in de zaak is geen persoon van belang aangeduid)",
        "withheld": "afgeschermd nummer",
        "and": "en",
        "more_numbers": "en {n} andere",
        "axis_date": "Datum",
        "axis_per_day": "Contacten per dag",
        "axis_time_of_day": "Tijdstip",
        "axis_hour": "Uur van de dag (00 = van 00:00 tot 00:59)",
        "axis_weekday": "Dag van de week",
        "axis_running_total": "Contacten tot dan",
        "axis_contacts": "Aantal contacten",
        "axis_month": "Maand",
        "axis_day_of_month": "Dag van de maand",
        "axis_number": "Nummer",
        "calls_answered": "Oproepen, beantwoord",
        "calls_unanswered": "Oproeppogingen, niet beantwoord (gemist, geweigerd, geblokkeerd)",
        "messages": "Berichten (sms, mms, chat)",
        "weekly_average": "Gemiddelde per dag over elke week (ma–zo)",
        "night": "Nacht ({start}–{end})",
        "notice": "Gevraagd te stoppen: {date}",
        "diary": "Dagboeknotitie",
        "incoming": "Inkomend (van het nummer)",
        "outgoing": "Uitgaand (naar het nummer)",
        "colour_bar": "Contacten",
        "outside_period": "grijs: niet in de periode",
        "empty_cells": "lege cel: geen contact",
        "outlined": "{label} (dag met zwarte rand)",
        "numbers": "nummers {numbers}",
        "no_contacts": "Geen contacten in deze periode",
        "masked_note": "nummers van mensen die niet bij de zaak betrokken zijn, zijn deels verborgen",
        "source": "bron: calllog, {events} uit {files}; tijdzone: {zone}",
        "events_one": "{n} gebeurtenis",
        "events_other": "{n} gebeurtenissen",
        "files_one": "{n} bestand",
        "files_other": "{n} bestanden",
        "contacts_one": "{n} contact",
        "contacts_other": "{n} contacten",
    },
    "fr": {
        "title_daily": "Contacts par jour : {who}",
        "title_raster": "Chaque contact par date et heure : {who}",
        "title_heatmap": "Contacts par jour de la semaine et heure : {who}",
        "title_cumulative": "Contacts additionnés au fil du temps : {who}",
        "title_calendar": "Contacts par jour, en calendrier : {who}",
        "title_parties": "Contacts avec les {n} numéros les plus actifs (classés selon les contacts entrants)",
        "period": "du {first} au {last}",
        "no_period": "aucun événement",
        "busiest": "le numéro avec le plus de contacts entrants (aucune personne d'intérêt n'est désignée dans le dossier)",
        "withheld": "numéro masqué",
        "and": "et",
        "more_numbers": "et {n} autres",
        "axis_date": "Date",
        "axis_per_day": "Contacts par jour",
        "axis_time_of_day": "Heure",
        "axis_hour": "Heure de la journée (00 = de 00:00 à 00:59)",
        "axis_weekday": "Jour de la semaine",
        "axis_running_total": "Contacts jusque-là",
        "axis_contacts": "Nombre de contacts",
        "axis_month": "Mois",
        "axis_day_of_month": "Jour du mois",
        "axis_number": "Numéro",
        "calls_answered": "Appels, décrochés",
        "calls_unanswered": "Tentatives d'appel sans réponse (manqués, refusés, bloqués)",
        "messages": "Messages (SMS, MMS, chat)",
        "weekly_average": "Moyenne par jour sur chaque semaine (lun.–dim.)",
        "night": "Nuit ({start}–{end})",
        "notice": "Prié d'arrêter : {date}",
        "diary": "Note du journal",
        "incoming": "Entrants (du numéro)",
        "outgoing": "Sortants (vers le numéro)",
        "colour_bar": "Contacts",
        "outside_period": "gris : hors de la période",
        "empty_cells": "case vide : aucun contact",
        "outlined": "{label} (jour encadré de noir)",
        "numbers": "numéros {numbers}",
        "no_contacts": "Aucun contact pendant cette période",
        "masked_note": "les numéros des personnes étrangères à l'affaire sont partiellement masqués",
        "source": "source : calllog, {events} issus de {files} ; fuseau horaire : {zone}",
        "events_one": "{n} événement",
        "events_other": "{n} événements",
        "files_one": "{n} fichier",
        "files_other": "{n} fichiers",
        "contacts_one": "{n} contact",
        "contacts_other": "{n} contacts",
    },
}

# month and weekday names live in TEXTS too, so the completeness test covers them
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}
_MONTHS_SHORT = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "fr": ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."),
}
_WEEKDAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
for _lang, _texts in TEXTS.items():
    _texts.update({f"month.{i}": name for i, name in enumerate(_MONTHS[_lang], start=1)})
    _texts.update({f"month_short.{i}": name for i, name in enumerate(_MONTHS_SHORT[_lang], start=1)})
    _texts.update({f"weekday.{i}": name for i, name in enumerate(_WEEKDAYS[_lang])})

# thousands separators: a no-break space in French, so that a count never breaks over two lines
_THOUSANDS = {"en": ",", "nl": ".", "fr": "\u00a0"}


def chart_text(language: str, key: str, **values: object) -> str:
    """The text ``key`` in ``language`` with its placeholders filled in."""
    return text(TEXTS, language, key, **values)


def count_text(n: int, language: str) -> str:
    """``1234`` as people of ``language`` write it: 1.234, 1 234, 1,234."""
    return f"{n:,}".replace(",", _THOUSANDS[check_lang(language)])


def counted(n: int, noun: str, language: str) -> str:
    """A count with its noun (``events``, ``files``, ``contacts``) in the
    right number; French takes the singular for 0 and 1."""
    single = n < 2 if language == "fr" else n == 1
    return chart_text(language, f"{noun}_{'one' if single else 'other'}", n=count_text(n, language))


def date_text(day: date) -> str:
    """The Belgian way: ``15/01/2026``."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def month_text(month: int, language: str, short: bool = False) -> str:
    """The name of ``month`` (1-12)."""
    return chart_text(language, f"{'month_short' if short else 'month'}.{month}")


def weekday_text(weekday: int, language: str) -> str:
    """The name of ``weekday`` (0 = Monday, as ``date.weekday()``)."""
    return chart_text(language, f"weekday.{weekday}")


def join_names(names: list[str], language: str) -> str:
    """``A``, ``A and B``, ``A, B and C`` in ``language``."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {chart_text(language, 'and')} " + names[-1]
