"""The texts of ``summary.pdf`` in Dutch, French and English."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "nl": {
        "title": "Samenvatting van de contacten",
        "untitled": "Dossier zonder titel",
        "made": "Opgemaakt met calllog op basis van de ingevoerde bestanden (stand op {date}).",
        "owner": "Lijn(en) van het slachtoffer: {owners}",
        "period": "Periode: van {first} tot {last} (tijdzone {zone})",
        "totals": "{events} contacten ({calls} oproepen, {messages} berichten) uit {files} bestanden; "
                  "{corroborated} contacten staan in meer dan één bestand en zijn één keer geteld.",
        "interest": "Personen en nummers van belang",
        "no_interest": "Er is geen persoon van belang aangeduid en geen nummer vertoont een patroon "
                       "dat verenigbaar is met belaging.",
        "figure.incoming": "Inkomende contacten",
        "figure.calls_in": "waarvan oproeppogingen",
        "figure.unanswered_calls": "waarvan niet beantwoord",
        "figure.messages_in": "Inkomende berichten",
        "figure.outgoing": "Contacten van het slachtoffer naar dit nummer",
        "figure.span_days": "Periode (dagen)",
        "figure.active_days": "Dagen met contact",
        "figure.max_per_day": "Meeste contacten op één dag",
        "figure.night": "Contacten tussen 22:00 en 07:00",
        "figure.after_notice": "Contacten na de ingebrekestelling",
        "figure.threat_messages": "Berichten met dreigende woorden",
        "indicators": "Vaststellingen",
        "withheld_party": "Afgeschermd nummer",
        "notices": "Ingebrekestellingen",
        "no_notices": "Er is geen ingebrekestelling ingevoerd.",
        "notice_line": "{date}: {what}",
        "others": "Andere nummers (familie, werk ...) staan niet in dit verslag: {contacts} contacten met "
                  "{numbers} andere nummers.",
        "diary": "Dagboek (feiten buiten de telefoon)",
        "diary_details": "plaats: {where}; getuigen: {witnesses}; pv: {pv}; bewijsstukken: {evidence}",
        "charts": "Grafieken",
        "sources": "Bronbestanden en hun SHA-256-vingerafdruk",
        "source_counts": "{format}: {read} gelezen, {imported} nieuw, {known} al gekend, {skipped} overgeslagen",
        "method": "Werkwijze: de originele bestanden worden ongewijzigd bewaard (SHA-256 hierboven); elke "
                  "oproeppoging telt, ook gemiste, geweigerde en geblokkeerde; een contact dat in twee bestanden "
                  "staat (toestel en operator) telt één keer; uren in de tijdzone van het dossier. calllog stelt "
                  "feiten vast en zegt wanneer een patroon verenigbaar is met belaging (art. 442bis Sw.); het "
                  "oordeel komt toe aan het openbaar ministerie en de rechter.",
        "page": "{title} – pagina {page}",
    },
    "fr": {
        "title": "Résumé des contacts",
        "untitled": "Dossier sans titre",
        "made": "Établi avec calllog à partir des fichiers importés (état au {date}).",
        "owner": "Ligne(s) de la victime : {owners}",
        "period": "Période : du {first} au {last} (fuseau horaire {zone})",
        "totals": "{events} contacts ({calls} appels, {messages} messages) issus de {files} fichiers ; "
                  "{corroborated} contacts figurent dans plus d'un fichier et ne sont comptés qu'une fois.",
        "interest": "Personnes et numéros concernés",
        "no_interest": "Aucune personne concernée n'a été désignée et aucun numéro ne présente un schéma "
                       "compatible avec le harcèlement.",
        "figure.incoming": "Contacts entrants",
        "figure.calls_in": "dont tentatives d'appel",
        "figure.unanswered_calls": "dont sans réponse",
        "figure.messages_in": "Messages entrants",
        "figure.outgoing": "Contacts de la victime vers ce numéro",
        "figure.span_days": "Période (jours)",
        "figure.active_days": "Jours avec contact",
        "figure.max_per_day": "Maximum de contacts en un jour",
        "figure.night": "Contacts entre 22:00 et 07:00",
        "figure.after_notice": "Contacts après la mise en demeure",
        "figure.threat_messages": "Messages contenant des mots menaçants",
        "indicators": "Constats",
        "withheld_party": "Numéro masqué",
        "notices": "Mises en demeure",
        "no_notices": "Aucune mise en demeure n'a été enregistrée.",
        "notice_line": "{date} : {what}",
        "others": "Les autres numéros (famille, travail ...) ne figurent pas dans ce rapport : {contacts} "
                  "contacts avec {numbers} autres numéros.",
        "diary": "Journal (faits hors téléphone)",
        "diary_details": "lieu : {where} ; témoins : {witnesses} ; PV : {pv} ; pièces : {evidence}",
        "charts": "Graphiques",
        "sources": "Fichiers sources et leur empreinte SHA-256",
        "source_counts": "{format} : {read} lus, {imported} nouveaux, {known} déjà connus, {skipped} ignorés",
        "method": "Méthode : les fichiers originaux sont conservés sans modification (SHA-256 ci-dessus) ; "
                  "chaque tentative d'appel compte, y compris manquée, refusée ou bloquée ; un contact présent "
                  "dans deux fichiers (téléphone et opérateur) compte une fois ; heures dans le fuseau du "
                  "dossier. calllog établit des faits et indique quand un schéma est compatible avec le "
                  "harcèlement (art. 442bis C. pén.) ; l'appréciation revient au ministère public et au juge.",
        "page": "{title} – page {page}",
    },
    "en": {
        "title": "Summary of the contacts",
        "untitled": "Untitled case",
        "made": "Prepared with calllog from the imported files (as of {date}).",
        "owner": "The victim's line(s): {owners}",
        "period": "Period: from {first} to {last} (time zone {zone})",
        "totals": "{events} contacts ({calls} calls, {messages} messages) from {files} files; "
                  "{corroborated} contacts appear in more than one file and are counted once.",
        "interest": "Persons and numbers of interest",
        "no_interest": "No person of interest has been marked and no number shows a pattern consistent "
                       "with belaging.",
        "figure.incoming": "Incoming contacts",
        "figure.calls_in": "of which call attempts",
        "figure.unanswered_calls": "of which unanswered",
        "figure.messages_in": "Incoming messages",
        "figure.outgoing": "Contacts from the victim to this number",
        "figure.span_days": "Period (days)",
        "figure.active_days": "Days with contact",
        "figure.max_per_day": "Most contacts on one day",
        "figure.night": "Contacts between 22:00 and 07:00",
        "figure.after_notice": "Contacts after the notice",
        "figure.threat_messages": "Messages with threatening words",
        "indicators": "Findings",
        "withheld_party": "Withheld number",
        "notices": "Notices",
        "no_notices": "No notice has been recorded.",
        "notice_line": "{date}: {what}",
        "others": "Other numbers (family, work ...) are not in this report: {contacts} contacts with "
                  "{numbers} other numbers.",
        "diary": "Diary (what happened off the phone)",
        "diary_details": "place: {where}; witnesses: {witnesses}; PV: {pv}; evidence files: {evidence}",
        "charts": "Charts",
        "sources": "Source files and their SHA-256 fingerprint",
        "source_counts": "{format}: {read} read, {imported} new, {known} already known, {skipped} skipped",
        "method": "Method: the original files are kept unchanged (SHA-256 above); every call attempt counts, "
                  "missed, rejected and blocked ones too; a contact shown by two files (phone and operator) "
                  "counts once; hours in the case's time zone. calllog states facts and says when a pattern is "
                  "consistent with belaging (art. 442bis of the Criminal Code); the assessment is for the "
                  "public prosecutor and the judge.",
        "page": "{title} – page {page}",
    },
}
