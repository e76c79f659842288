"""执法信息系统台账 (seed 003 五(一): 摸底统计…执法信息系统建设等情况; seed 002 (十二): 行政执法机关自建办案系统、
“互联网+监管”、“双随机、一公开” 等系统与一体化平台的数据归集共享): each agency's enforcement information
systems, their kind, who built them, and whether they exchange data with this platform."""
