"""Forms of the catalogue pages, by the pages they serve: versions.py (draft, items and their legal bases,
publishing, Excel import) and discretion_delegations_duties.py (裁量基准 and its calculator and
evaluations, 赋权乡镇, 岗位职权分解). They only parse; the rules live in catalog.services."""
