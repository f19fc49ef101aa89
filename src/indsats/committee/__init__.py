"""The committee (udvalg, byråd): meetings, agenda items with the standard sections, decisions and
minutes, and items drafted from the data (docs/committee.md).

Plain Python: the web app `indsats.web.committee` stores meetings and items and calls these
functions to draft items, check them before they are published and render the documents.

    model        meetings, items, sections, recommendations, decisions
    drafting     items drafted from the catalogue, the budget, business cases, the report
    publishing   the check before publishing: tables add up, text written for the committee
    text         the text check on rendered HTML
    documents    agenda and minutes as HTML, PDF (PDF/UA) and DOCX, full and public versions
"""
