"""Texts of the list for the Telecom Ombudsman, nl/fr (en for completeness).

What the list is for (DOMAIN.md, belgium-context.md §2): under art. 43bis
§3 7° of the law of 21 March 1991 the Ombudsdienst voor Telecommunicatie /
Service de Médiation pour les Télécommunications can identify the holder of
the line malicious calls came from, when the victim fills in and signs a
form naming the exact dates and times. It cannot identify calls from abroad.
No deadline is published, so the warning never names a number of months.
Dates are written dd/mm/yyyy before they are put in ``{start}``/``{end}``.
"""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Lijst van kwaadwillige oproepen voor de Ombudsdienst voor Telecommunicatie",
        "purpose": "Bij een aanvraag tot identificatie van de houder van de lijn van waaruit kwaadwillige oproepen kwamen (art. 43bis, §3, 7° van de wet van 21 maart 1991).",
        "sign": "Neem deze datums en uren over in het formulier van de Ombudsdienst. Het formulier moet door het slachtoffer zelf worden ingevuld en ONDERTEKEND.",
        "selection_withheld": "Oproepen: alle inkomende oproepen van een geheim nummer (nummer niet zichtbaar).",
        "selection_numbers": "Oproepen: alle inkomende oproepen van {numbers}.",
        "times": "Tijdzone: {zone}. De datums en uren zijn zoals de telefoon of de operator ze registreerde.",
        "period": "Periode: {start} tot en met {end}",
        "count": "Aantal oproepen: {count}",
        "empty": "Er zijn geen oproepen die aan deze keuze voldoen.",
        "stale": "Handel snel: operatoren bewaren verkeersgegevens maar een beperkte tijd. De oudste oproep in deze lijst is al enkele maanden oud; dien de aanvraag zo snel mogelijk in.",
        "column.number": "Nr.",
        "column.date": "Datum",
        "column.time": "Uur",
        "column.called": "Opgeroepen nummer (uw lijn)",
        "column.caller": "Nummer van de beller",
        "column.status": "Status",
        "column.note": "Opmerking",
        "note_repeated_hour": "dit uur kwam twee keer voor (klok een uur terug): {offset}",
        "caller_withheld": "geheim nummer",
        "abroad_title": "Oproepen uit het buitenland (apart vermeld)",
        "abroad_reason": "De Ombudsdienst kan oproepen uit het buitenland niet identificeren. Ze staan hier apart zodat de lijst volledig is; meld ze wel aan de politie.",
        "abroad_count": "Aantal oproepen uit het buitenland: {count}",
        "signature": "Naam, datum en handtekening van het slachtoffer:",
        "sheet": "Ombudsdienst",
    },
    "fr": {
        "title": "Liste des appels malveillants pour le Service de Médiation pour les Télécommunications",
        "purpose": "Pour une demande d'identification du titulaire de la ligne d'où provenaient des appels malveillants (art. 43bis, §3, 7° de la loi du 21 mars 1991).",
        "sign": "Reportez ces dates et heures dans le formulaire du Service de Médiation. Le formulaire doit être rempli et SIGNÉ par la victime elle-même.",
        "selection_withheld": "Appels\u00a0: tous les appels entrants d'un numéro masqué (numéro non affiché).",
        "selection_numbers": "Appels\u00a0: tous les appels entrants du {numbers}.",
        "times": "Fuseau horaire\u00a0: {zone}. Les dates et heures sont celles enregistrées par le téléphone ou l'opérateur.",
        "period": "Période\u00a0: du {start} au {end} inclus",
        "count": "Nombre d'appels\u00a0: {count}",
        "empty": "Aucun appel ne correspond à cette sélection.",
        "stale": "Agissez vite\u00a0: les opérateurs ne conservent les données de trafic que pendant une durée limitée. L'appel le plus ancien de cette liste date déjà de plusieurs mois\u00a0; introduisez la demande au plus vite.",
        "column.number": "N°",
        "column.date": "Date",
        "column.time": "Heure",
        "column.called": "Numéro appelé (votre ligne)",
        "column.caller": "Numéro de l'appelant",
        "column.status": "Statut",
        "column.note": "Remarque",
        "note_repeated_hour": "heure qui a eu lieu deux fois (retour à l'heure d'hiver)\u00a0: {offset}",
        "caller_withheld": "numéro masqué",
        "abroad_title": "Appels de l'étranger (mentionnés à part)",
        "abroad_reason": "Le Service de Médiation ne peut pas identifier les appels venant de l'étranger. Ils figurent ici à part pour que la liste soit complète\u00a0; signalez-les à la police.",
        "abroad_count": "Nombre d'appels de l'étranger\u00a0: {count}",
        "signature": "Nom, date et signature de la victime\u00a0:",
        "sheet": "Médiation",
    },
    "en": {
        "title": "List of malicious calls for the Telecom Ombudsman (Ombudsdienst voor Telecommunicatie / Service de Médiation pour les Télécommunications)",
        "purpose": "For a request to identify the holder of the line that malicious calls came from (art. 43bis, §3, 7° of the law of 21 March 1991).",
        "sign": "Copy these dates and times into the Ombudsman's form. The form must be filled in and SIGNED by the victim.",
        "selection_withheld": "Calls: every incoming call from a withheld number (no number shown).",
        "selection_numbers": "Calls: every incoming call from {numbers}.",
        "times": "Time zone: {zone}. Dates and times are as the phone or the operator recorded them.",
        "period": "Period: {start} to {end} inclusive",
        "count": "Number of calls: {count}",
        "empty": "No call matches this selection.",
        "stale": "Act quickly: operators keep traffic data for a limited time. The oldest call in this list is already several months old; send the request as soon as possible.",
        "column.number": "No.",
        "column.date": "Date",
        "column.time": "Time",
        "column.called": "Number called (your line)",
        "column.caller": "Caller's number",
        "column.status": "Status",
        "column.note": "Note",
        "note_repeated_hour": "this hour happened twice (clocks went back): {offset}",
        "caller_withheld": "withheld number",
        "abroad_title": "Calls from abroad (listed apart)",
        "abroad_reason": "The Ombudsman cannot identify calls from abroad. They are listed here apart so that the list is complete; report them to the police.",
        "abroad_count": "Number of calls from abroad: {count}",
        "signature": "Name, date and signature of the victim:",
        "sheet": "Ombudsman",
    },
}
