"""信用修复 (seed 002 (六): 指导失信主体进行信用修复): a party whose 行政处罚 is public asks, after performing
the penalty and once the minimum publication period has run, that the entry come down or end earlier;
staff register the request (made offline) and the agency decides."""
