"""The hand gold of AgID's 2025 table of institutional lines of action (Italy): each row typed from
the appendix (`it-agid-piano-triennale-2025-la/SOURCE.md` says how and which calls were made).

`python tests/real/make_gold_agid.py` rewrites `it-agid-piano-triennale-2025-la/gold.csv`; it imports
nothing from `pipeline/`.  A row is typed as the page shows it: code, description, deadline(s), the
output as the rendered page shows it (a link as its text, `-` as none) and the owner cell; the
owners are split into bodies by `OWNERS` below, by hand.
"""
import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "it-agid-piano-triennale-2025-la" / "gold.csv"
COLS = ["row", "objective_id", "objective", "problem_id", "problem", "measure_id", "measure", "timeframe",
        "timeframe_start", "timeframe_end", "timeframe_recurrence", "agencies", "agency_ids", "agencies_unmatched",
        "agencies_raw", "indicator", "confidence", "flags", "Vecchia Scadenza"]
MONTHS = {"GENNAIO": "01", "FEBBRAIO": "02", "MARZO": "03", "APRILE": "04", "MAGGIO": "05", "GIUGNO": "06",
          "LUGLIO": "07", "SETTEMBRE": "09", "OTTOBRE": "10", "NOVEMBRE": "11", "DICEMBRE": "12"}
# each owner cell and the bodies it names, as read by hand; `Soggetti aggregatori` (the purchasing
# bodies that aggregate demand, a class of bodies) is a generic body: no name kept as unmatched
OWNERS = {
    "AgID": ["AgID"], "DTD": ["DTD"], "DFP": ["DFP"], "MEF": ["MEF"], "MUR": ["MUR"], "IPZS": ["IPZS"],
    "ACN": ["ACN"], "CONSIP": ["CONSIP"], "PagoPA S.p.A.": ["PagoPA S.p.A."], "PAGOPA S.p.A.": ["PAGOPA S.p.A."],
    "AgID, ANAC": ["AgID", "ANAC"], "AgID - ANAC": ["AgID", "ANAC"], "AgID-DTD": ["AgID", "DTD"],
    "AgID - ANAC - DTD": ["AgID", "ANAC", "DTD"], "PagoPA S.p.A. - DTD": ["PagoPA S.p.A.", "DTD"],
    "PAGOPA S.p.A. - DTD": ["PAGOPA S.p.A.", "DTD"], "AgID, Consip, Soggetti aggregatori": ["AgID", "Consip"],
    "Ministero della Salute, DTD, Agenas": ["Ministero della Salute", "DTD", "Agenas"],
}
N, U, I, D = "agency_new_body", "agency_unmatched", "no_indicator_in_source", "duplicate_measure_id"

# the first table: Codice LA | Descrizione | Scadenza | Output | Owner
DONE = [
    ("CAP1.02", "Primo report di monitoraggio sulle comunita digitali su retedigitale.gov.it", "GENNAIO 2025",
     "-", "AgID"),
    ("CAP1.03", "Campagna di diffusione dei risultati dei Laboratori per RTD e UTD e di promozione di nuove "
     "comunita", "GIUGNO 2025", "-", "AgID"),
    ("CAP1.14", "Avvio dei 3000 punti di facilitazione digitale (Punti Digitale Facile) previsti dal progetto di "
     "potenziamento e sviluppo della rete dei servizi di facilitazione digitale, incluso nel PNRR", "DICEMBRE 2024",
     "Mappa dei Punti Digitale Facile - Repubblica Digitale", "DTD"),
    ("CAP1.18", "Erogazione di almeno 10 webinar su Intelligenza Artificiale per cittadini, imprese e PA",
     "DICEMBRE 2024", "Webinar organizzati da AgID e partecipazione AgID a webinar organizzati da Formez, SNA e "
     "Politecnico di Milano - Informazioni", "AgID"),
    ("CAP1.22", "Definizione di KPI (Key Performance Indicator) che facciano parte dell'indice di digitalizzazione "
     "e definizione del campione", "DICEMBRE 2024",
     'Documento "Definizione KPI" redatto dal Gruppo AgID-DTD-ISTAT (in pubblicazione)', "AgID"),
    ("CAP1.29", "Pubblicazione del primo report sullo stato della digitalizzazione", "LUGLIO 2025",
     "Mappa dei Comuni Digitali - Report 2025", "DTD"),
    ("CAP1.30", "Avvio della seconda fase di raccolta e verifica dei dati", "LUGLIO 2025", "-", "DTD"),
    ("CAP1.32", "Pubblicazione sulla piattaforma Syllabus del programma formativo rivolto a tutti i dipendenti PA "
     "sull'adozione dell'IA", "DICEMBRE 2024", "Programma formativo su Syllabus", "DFP"),
    ("CAP1.19", "Pubblicazione di un position paper della Coalizione Nazionale Repubblica Digitale sulle "
     "competenze specialistiche ICT", "DICEMBRE 2024", "Position Paper Repubblica Digitale", "DTD"),
    ("CAP1.22", "Definizione di KPI (Key Performance Indicator) che facciano parte dell'indice di digitalizzazione "
     "e definizione del campione", "DICEMBRE 2024", "-", "AgID"),
    ("CAP2.01", "Gestione e monitoraggio del processo di certificazione delle piattaforme di approvvigionamento "
     "digitale", "DICEMBRE 2024", "Processo di certificazione piattaforme", "AgID, ANAC"),
    ("CAP2.10", "Individuazione nuove gare strategiche a seguito del confronto tra AgID, Consip e soggetti "
     "aggregatori", "MARZO 2025", "Piano gare Consip 2025", "AgID, Consip, Soggetti aggregatori"),
    ("CAP3.02", "Aggiornamento delle Linee guida PDND per includere nuove funzionalita", "DICEMBRE 2024", "-",
     "AgID-DTD"),
    ("CAP3.03", "Attivazione della PDND per la gestione dei processi di notifica di variazione del dato",
     "DICEMBRE 2024", "Funzionalita Signal Hub implementata e disponibile", "PagoPA S.p.A. - DTD"),
    ("CAP3.12", "Condivisione a livello europeo delle soluzioni open source del catalogo Developers Italia "
     "(progetto FOSSEPS)", "DICEMBRE 2024", "Link", "DTD"),
    ("CAP3.14", "Avvio lavori di aggiornamento di Docs Italia", "DICEMBRE 2024", "Lavori avviati a novembre 2024",
     "DTD"),
    ("CAP3.18", "Aggiornamento elenco errori di accessibilita tramite monitoraggio esteso con MAUVE",
     "DICEMBRE 2024", "Monitoraggio effettuato", "AgID"),
    ("CAP3.19", "Erogazione di 50 iniziative di formazione e sensibilizzazione sull'accessibilita", "DICEMBRE 2024",
     "Iniziative di formazione su accessibilita", "AgID"),
    ("CAP3.20", "Invio alla Commissione Europea della relazione di monitoraggio nazionale dell'accessibilita",
     "DICEMBRE 2024", "Relazione inviata", "AgID"),
    ("CAP3.21", "Sviluppo di un sistema open source per la verifica automatica dell'accessibilita dei siti",
     "GIUGNO 2025", "MAUVE++ Accessibility Validator", "AgID"),
    ("CAP3.25", "Messa a disposizione della documentazione di esercizio del Design system .italia",
     "DICEMBRE 2024", "Documentazione Design System", "DTD"),
    ("CAP3.27", "Raccolta feedback sul modello di sito per ASL", "GENNAIO 2025", "-", "DTD"),
    ("CAP3.28", "Raccolta feedback sul modello di sito per musei civici", "MARZO 2025", "-", "DTD"),
    ("CAP3.29", "Pubblicazione di un modello per il monitoraggio", "DICEMBRE 2024",
     "Modello realizzato nel 2024 e pubblicato nel 2025 - Link (Community)", "AgID"),
    ("CAP3.33", "Completamento piattaforma di monitoraggio (Operation Center)", "DICEMBRE 2024",
     "Piattaforma di monitoraggio", "AgID"),
    ("CAP3.35", "Ciclo di azioni di sensibilizzazione su usabilita e UX dei servizi digitali SDG", "DICEMBRE 2024",
     "Azioni di sensibilizzazione", "AgID"),
    ("CAP4.02", "Introduzione di un modello per la gestione di pagamenti corporate massivi", "DICEMBRE 2024",
     "Documento descrittivo del modello di funzionamento (Avviso pubblico)", "PagoPA S.p.A."),
    ("CAP4.03", "Implementazione di azioni incentivanti di quality improvement verso Enti Creditori e PSP",
     "DICEMBRE 2024", "Quality Improvement - Specifiche attuative", "PagoPA S.p.A."),
    ("CAP4.09", "Funzionalita a supporto dell'onboarding B2B per servizi di notificazione", "DICEMBRE 2024", "-",
     "PagoPA S.p.A."),
    ("CAP4.14", "Completamento Federazione SPID OIDC", "GENNAIO 2025", "LA conclusa con determina AgID 71/2025",
     "AgID"),
    ("CAP4.18", "Campagne di promozione dei servizi e valorizzazione del patrimonio informativo", "DICEMBRE 2024",
     "Piano di comunicazione", "MEF"),
    ("CAP4.22", "Verifica degli indicatori PNRR al 30 giugno", "LUGLIO 2025", "-",
     "Ministero della Salute, DTD, Agenas"),
    ("CAP4.33", "Rilascio web application ANIS per caricamento massivo dati", "MARZO 2025", "Piattaforma ANIS",
     "MUR"),
    ("CAP4.34", "Messa a disposizione del portale ANIST con area tecnica", "GIUGNO 2025", "Piattaforma ANIST",
     "DTD"),
    ("CAP4.35", "Completamento piattaforma ANIST", "GIUGNO 2026", "-", "DTD"),
    ("CAP5.01", "Aggiornamento del Catalogo nazionale dei dati aperti", "DICEMBRE 2024",
     "Catalogo nazionale dei dati aperti", "AgID"),
    ("CAP5.05", "Completamento del IV ciclo di formazione sui dati aperti e territoriali", "DICEMBRE 2024",
     "IV ciclo di formazione", "AgID"),
    ("CAP5.07", "Conclusione primo rilevamento dei dati di elevato valore e pubblicazione report", "DICEMBRE 2024",
     "Primo ciclo di rilevamento dei dati di elevato valore", "AgID"),
    ("CAP5.12", "Formazione e sensibilizzazione sulle licenze e condizioni d'uso dei dati", "DICEMBRE 2024",
     "https://www.dati.gov.it/formazione-su-opendata", "AgID"),
    ("CAP5.14", "Redazione Linee guida per promuovere l'adozione dell'IA nella PA", "DICEMBRE 2024", "-", "AgID"),
    ("CAP5.15", "Redazione Linee guida per il procurement di IA nella PA", "DICEMBRE 2024", "-", "AgID"),
    ("CAP5.16", "Redazione Linee guida per lo sviluppo di applicazioni IA nella PA", "DICEMBRE 2024", "-", "AgID"),
    ("CAP6.03", "Piano di azione per avvio accertamenti di inadempienze ex art. 33-septies", "GIUGNO 2025", "-",
     "AgID"),
    ("CAP7.09", "Strumenti e supporto ai RTD per autovalutazione sistemi e gestione rischi cyber", "DICEMBRE 2024",
     "Servizio di autovalutazione CMS e protocollo HTTPS + Strumento analisi postazioni di lavoro (IoC)", "AgID"),
]
LG = "“Linee guida sull'interoperabilità tecnica delle Pubbliche Amministrazioni”"
# RIPROGRAMMATE e RIFORMULATE: Codice LA | Descrizione | Vecchia Scadenza | Nuova Scadenza | Owner
MOVED = [
    ("CAP1.09", "Raccolta feedback delle esperienze delle PA che hanno adottato modello di nomina del RTD e di "
     "organizzazione dell'UTD in forma associata", "SETTEMBRE 2025", "NOVEMBRE 2025", "AgID"),
    ("CAP1.10", "Conclusione del laboratorio Nomina RTD in forma associata", "NOVEMBRE 2025", "DICEMBRE 2025",
     "AgID"),
    ("CAP1.11", "Raccolta esperienze sui modelli organizzativi/operativi dell'UTD e soluzioni adottate",
     "SETTEMBRE 2026", "NOVEMBRE 2026", "AgID"),
    ("CAP1.13", "Terzo aggiornamento del Piano operativo della Strategia nazionale per le competenze digitali, "
     "sulla base del rapporto di monitoraggio sull'attuazione e dei dati rilevati sul 2023-2024, a cura del "
     "Comitato tecnico guida di Repubblica Digitale", "DICEMBRE 2024", "DICEMBRE 2025", "DTD"),
    ("CAP1.23", "Raccolta dati dal campione per alimentazione indice di digitalizzazione del campione e "
     "presentazione dei risultati", "GIUGNO 2025", "GIUGNO 2026", "AgID"),
    ("CAP1.24", "Aggiornamento KPI e definizione dell'indice di digitalizzazione", "GIUGNO 2025", "DICEMBRE 2025",
     "AgID"),
    ("CAP1.25", "Definizione del campione per alimentazione indice di digitalizzazione del campione e "
     "presentazione dei risultati", "DICEMBRE 2025", "DICEMBRE 2025", "AgID"),
    ("CAP1.31", "Pubblicazione del secondo report sullo stato della digitalizzazione, fornendo un'analisi più "
     "approfondita e identificando le aree di miglioramento", "DICEMBRE 2025", "GIUGNO 2026", "DTD"),
    ("CAP2.02", "Aggiornamento delle regole tecniche a seguito della pubblicazione del Correttivo",
     "DICEMBRE 2025", "DICEMBRE 2025", "AgID - ANAC - DTD"),
    ("CAP2.13", "Gestione e monitoraggio del processo di certificazione delle piattaforme di approvvigionamento "
     "digitale - (AgID, ANAC)", "DICEMBRE 2025", "GIUGNO 2026", "AgID - ANAC"),
    ("CAP2.14", "Adeguamento del processo di certificazione in conformità al Regolamento eIDAS e agli standard "
     "tecnologici di riferimento", "GIUGNO 2026", "DICEMBRE 2026", "AgID"),
    ("CAP3.04", "Razionalizzazione delle use case significativi e identificazione degli e-service Pattern "
     "ricorrenti, con l'obiettivo di supportare gli enti nell'individuazione degli e-service e dei dati più "
     "rilevanti da esporre - (Dipartimento per la Trasformazione Digitale)", "MARZO 2025", "DICEMBRE 2025", "DTD"),
    ("CAP3.05", "Attivazione della PDND per la gestione delle funzionalità di delega", "MARZO 2025", "LUGLIO 2025",
     "PAGOPA S.p.A. - DTD"),
    ("CAP3.10", f"Aggiornamento delle {LG} aggiungendo nuovi pattern e/o profili ai relativi documenti operativi "
     "sulla base delle eventuali esigenze espresse dalle PA", "MAGGIO 2025", "NOVEMBRE 2025", "AgID"),
    ("CAP3.11", f"Aggiornamento delle {LG} aggiungendo nuovi pattern e/o profili ai relativi documenti operativi "
     "sulla base delle eventuali esigenze espresse dalle PA", "NOVEMBRE 2025", "MAGGIO 2026", "AgID"),
    ("CAP4.10", "Analisi e sviluppo di funzionalità tecniche per abilitare l'onboarding di grandi notificatori ed "
     "accrescere la qualità del servizio per tutti gli enti mittenti", "DICEMBRE 2025", "DICEMBRE 2025",
     "PAGOPA S.p.A."),
    ("CAP4.15", "Verifica della disponibilità delle funzionalità di autenticazione per la gestione delle Attribute "
     "Authority a supporto delle richieste dei Service Provider", "GENNAIO 2025", "MAGGIO 2026", "AgID"),
    ("CAP4.16", "Sviluppo di un meccanismo di controllo genitoriale per consentire un accesso controllato ai "
     "servizi online offerti ai minori", "APRILE 2025", "APRILE 2026", "IPZS"),
    ("CAP4.17", "Ampliamento del set di attributi forniti tramite autenticazione con CieID, come previsto dall'art. "
     "6 del DPCM 8 settembre 2022", "LUGLIO 2025", "LUGLIO 2026", "IPZS"),
    ("CAP4.19", "Definire un modello di misurazione della qualità dei servizi erogati", "DICEMBRE 2025",
     "LUGLIO 2026", "MEF"),
    ("CAP4.36", "Definizione del processo di individuazione di nuove basi di dati di interesse nazionale",
     "DICEMBRE 2024", "SETTEMBRE 2025", "AgID"),
    ("CAP4.37", "Aggiornamento delle regole tecniche di cui all'art. 2-bis del decreto-legge n. 179/2012, convertito "
     "con la legge 17 dicembre 2012, n. 221", "DICEMBRE 2024", "DICEMBRE 2025", "AgID"),
    ("CAP4.38", "Primo monitoraggio delle basi di dati di interesse nazionale - (AgID) - CAP4.38", "DICEMBRE 2025",
     "DICEMBRE 2026", "AgID"),
    ("CAP4.41", "Potenziale definizione di una seconda fase di sperimentazione indirizzata agli enti che non hanno "
     "partecipato alla prima, definita sulla base della sperimentazione effettuata nel 2024", "FEBBRAIO 2025",
     "DICEMBRE 2025", "AgID"),
    ("CAP5.04", "Aggiornamento dei profili metadati", "DICEMBRE 2024", "DICEMBRE 2025", "AgID"),
    ("CAP5.06", "Predisposizione di un documento che raccolga in modo coerente le cornici normative, il "
     "posizionamento delle piattaforme locali, nazionali e sovranazionali e i punti di contatto che riguardano i "
     "dati", "DICEMBRE 2024", "OTTOBRE 2025", "AgID"),
    ("CAP5.17", "Identificazione delle soluzioni nazionali fondate sull'IA", "DICEMBRE 2024", "DICEMBRE 2025",
     "AgID"),
    ("CAP5.19", "Identificazione delle basi di dati nazionali strategiche", "DICEMBRE 2024", "DICEMBRE 2025", "AgID"),
    ("CAP5.21", "Realizzazione versione beta dell'assistente virtuale (chatbot) sul Catalogo Nazionale dei Dati "
     "Aperti", "DICEMBRE 2025", "DICEMBRE 2026", "AgID"),
    ("CAP6.06", "Consip aggiudica la nuova gara di connettività SPC", "LUGLIO 2025", "DICEMBRE 2025", "CONSIP"),
    ("CAP6.02", "Definizione delle modalità e i termini per la realizzazione del censimento dei Centri per "
     "l'elaborazione delle informazioni (CED) della Pubblica Amministrazione di cui al comma 1-ter dell'articolo "
     "33-septies del DL 179/2012", "GIUGNO 2025", "GIUGNO 2026", "AgID"),
    ("CAP7.03", "L'Agenzia fornisce le Linee guida per la definizione dei requisiti di sicurezza nel processo di "
     "approvvigionamento IT", "DICEMBRE 2024", "NOVEMBRE 2025", "ACN"),
    ("CAP7.04", "L'Agenzia fornisce le Linee guida per la realizzazione degli audit e delle verifiche di sicurezza "
     "sulle terze parti", "GIUGNO 2025", "DICEMBRE 2025", "ACN"),
    ("CAP7.05", "L'Agenzia fornisce le Linee guida per la definizione dei processi di cyber risk management e "
     "security by design", "DICEMBRE 2024", "OTTOBRE 2025", "ACN"),
    ("CAP7.06", "L'Agenzia fornisce le Linee guida per la definizione dei processi e delle procedure per la "
     "gestione degli incidenti di sicurezza", "DICEMBRE 2024", "SETTEMBRE 2025", "ACN"),
    ("CAP7.11", "Erogazione di un corso di formazione base sulla sicurezza nella PA", "MARZO 2025",
     "SETTEMBRE 2025", "AgID"),
    ("CAP7.12", "Erogazione di un corso di formazione avanzato sulla sicurezza nella PA", "SETTEMBRE 2025",
     "NOVEMBRE 2025", "AgID"),
]
# ELIMINATE: Codice LA | Descrizione | Scadenza | Owner
DROPPED = [
    ("CAP2.03", "Definizione della regolazione tecnica della fase di esecuzione, comprendendo la definizione del "
     "formato e della modalità di trasmissione su rete PEPPOL degli ordini e delle fatture elettroniche",
     "DICEMBRE 2024", "AgID"),
    ("CAP2.04", "Pubblicazione dei regolamenti per l'adesione, da parte delle PA, al programma Smarter Italy e agli "
     "altri programmi nazionali per la promozione e il finanziamento della domanda pubblica di innovazione",
     "DICEMBRE 2024", "AgID"),
    ("CAP2.07", 'Selezione e avvio dei progetti Smarter Italy sulle tematiche di "Salute e benessere" e '
     '"Protezione dell\'ambiente"', "DICEMBRE 2024", "AgID"),
    ("CAP3.13", 'Il DTD coordina la definizione di un inventario di software "critico", ovvero con valenza '
     "strategica per la sovranità digitale del Paese, e identificazione di soluzioni valide esistenti da preservare "
     "o lacune da colmare", "DICEMBRE 2024", "DTD"),
]


def month(text):
    """`DICEMBRE 2024` as (text, start, end, recurrence): one month, once."""
    name, year = text.split()
    value = f"{year}-{MONTHS[name]}"
    return (text, value, value, "once")


def row(code, measure, deadline, output, owner, old=""):
    bodies = OWNERS[owner]
    flags = {N, U} | ({I} if output == "-" else set())
    if sum(r[0] == code for r in DONE) > 1:
        flags.add(D)
    indicator = "" if output == "-" else output
    return ["", "", "", "", code, measure, *month(deadline), "", "", "; ".join(bodies), owner, indicator, "",
            "; ".join(sorted(flags)), old]


def main():
    rows = [row(c, m, d, o, w) for c, m, d, o, w in DONE]
    rows += [row(c, m, new, "", w, old) for c, m, old, new, w in MOVED]
    rows += [row(c, m, d, "", w) for c, m, d, w in DROPPED]
    with open(OUT, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(COLS)
        for i, r in enumerate(rows, 1):
            w.writerow([i, *r])


if __name__ == "__main__":
    main()
