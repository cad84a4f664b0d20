"""The pure core of coordinated family work (no Django).

- overlaps: overlaps, conflicting demands and gaps among a family's interventions on one day
- progress: the 1–10 progress scale and the follow-up status of agreed actions
- aggregates: the board's figures across families, with small counts suppressed
- codes: pseudonymous family codes such as "F-7K3Q"
- retention: when a closed case is due for deletion
"""
