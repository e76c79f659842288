"""执法主体与执法人员: bodies, officers, certificates, training, assessments and the 执法档案."""
