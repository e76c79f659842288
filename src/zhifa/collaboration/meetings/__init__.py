"""联席会议 and 联合会商 (seed 004 六(一)(二)): agenda, minutes, decisions that become tasks with deadlines."""
