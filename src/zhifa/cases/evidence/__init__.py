"""证据: files recorded at a step of a case, kept content-addressed and verified against the record log.

    services.py  chunked uploads, the evidence of a case, the case-page panel, verification
    storage.py   the content-addressed blob store under MEDIA_ROOT/evidence (also read by cases.casefile)
    views.py     the evidence pages (list, upload, download)
    api.py       /api/cases/… uploads, evidence, downloads (added to the cases router)
    urls.py      the pages' paths (included by cases.urls inside the "cases" namespace)

The models stay in cases.models (Evidence, UploadSession); `zhifa verify-evidence` is a command of the
cases app (cases/management/commands)."""
