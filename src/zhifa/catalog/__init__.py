"""执法事项清单 (versioned), legal bases, 岗位职权分解, 赋权乡镇, 裁量基准 and its calculator."""
