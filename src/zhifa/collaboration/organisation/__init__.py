"""联合执法领导小组, its office and the departments' 联络员 (seed 004 二, 七(四))."""
