"""文书: the eight standard documents of a case, generated from the case data as DOCX and PDF.

    kinds.py     the kinds, the statuses that allow each, where its number comes from, what it needs
    context.py   the data of a document, built from the case (plain values only)
    render.py    the plain-text templates (defaults in templates/<kind>.txt; an agency may upload its
                 own) rendered with Django's template engine into blocks
    docx.py      blocks → DOCX (python-docx)
    pdf.py       blocks → PDF (reportlab, CID font STSong-Light: no font file needed)
    services.py  generate a document (numbered, stored, recorded), manage templates, the panel rows
    views.py     the 文书 pages, the template uploads and the 案卷 download
    api.py       /api/cases/… documents and the case file (added to the cases router)
    urls.py      the pages' paths (included by cases.urls inside the "cases" namespace)

The names below are imported lazily, so cases.models can import kinds without a cycle."""

from importlib import import_module

_EXPORTS = {
    "generate": "services",
    "render_case": "services",
    "template_set": "services",
    "template_text": "services",
    "template_in_force": "services",
    "panel_rows": "services",
    "documents_of": "services",
    "KINDS": "kinds",
    "DocumentKind": "kinds",
    "refusal": "kinds",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
