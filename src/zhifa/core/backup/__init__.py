"""备份与恢复 (issue 17 item 6): `zhifa backup` and `zhifa restore`.

    manifest.py  the manifest: every file's path, size and sha256, the record chains' heads, the counts
    database.py  the online dump and its restore: SQLite through the backup API, PostgreSQL through
                 pg_dump / pg_restore (custom format, one exported snapshot)
    files.py     the evidence store's blobs and the default storage's files, copied out and back
    services.py  backup_create and backup_restore: the order of the steps and the refusals

A backup directory holds database.sqlite3 or database.pgdump, files/evidence/… and files/media/…, and
manifest.json. A restore goes only into an empty instance; there is no --force (docs/deploy.md 备份与恢复).
"""
