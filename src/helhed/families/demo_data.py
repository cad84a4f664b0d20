"""The demo families as plain data (all synthetic; see demo.py)."""

# (kind, title, legal basis, organisation key, member keys, goal, category, demand, ended:
# days ago or None). Three end after the first network meeting: the coordination at work.
# Organisation keys: K Herning Kommune, H Fællesbo, S SSP Herning, P psychiatry, V volunteers.
A_INTERVENTIONS = [
    ("employment", "Aktivering 37 timer", "LAB-loven § 10", "K", ["M"], "Job inden for et år", "employment", "availability", None),
    ("mentor", "Jobmentor", "LAB-loven § 31", "K", ["M"], "Fastholde aktivering", "employment", "", None),
    ("employment", "Jobsøgningskursus", "", "K", ["F"], "Job", "employment", "availability", None),
    ("health", "Smertebehandling og sygemelding", "", "P", ["F"], "Mindre smerter", "health", "exemption", None),
    ("employment", "Ressourceforløb", "LAB-loven § 68 a", "K", ["F"], "Afklaring af arbejdsevne", "employment", "", None),
    ("family_treatment", "Familiebehandling", "Serviceloven § 52, stk. 3, nr. 3", "K", ["M", "F", "B1", "B2", "B3"], "Struktur i hverdagen", "parenting", "", None),
    ("school_support", "Støttetimer i dansk", "", "K", ["B1"], "Følge med i dansk", "school", "school_attendance", None),
    ("school_support", "AKT-forløb", "", "K", ["B1"], "Komme i skole hver dag", "school", "", 30),
    ("psychiatry", "Dagbehandling i børne- og ungdomspsykiatrien", "", "P", ["B1"], "Mindre angst", "wellbeing", "daytime_treatment", None),
    ("ssp", "SSP-samtaler", "", "S", ["B1"], "Ud af uro i området", "crime", "", None),
    ("housing_social", "Lektiecafé", "", "H", ["B1", "B2"], "Lektier lavet", "school", "", None),
    ("daycare", "Sproglig indsats i dagtilbud", "Dagtilbudsloven § 11", "K", ["B3"], "Alderssvarende dansk", "school", "", None),
    ("health_visitor", "Sundhedsplejerske", "Sundhedsloven § 120", "K", ["B3"], "Trivsel og vægt", "health", "", 180),
    ("volunteer", "Lektiehjælp hjemme (frivillig)", "", "V", ["B2"], "Lektier lavet", "school", "", 30),
]  # fmt: skip

# (key, relation, first name, last name, CPR-like, birth year) — obviously fake
A_MEMBERS = [
    ("M", "mother", "Mor", "A", "010186-XXXX", 1986),
    ("F", "father", "Far", "A", "010182-XXXX", 1982),
    ("B1", "child", "Barn", "A1", "010111-XXXX", 2011),
    ("B2", "child", "Barn", "A2", "010115-XXXX", 2015),
    ("B3", "child", "Barn", "A3", "010120-XXXX", 2020),
]  # fmt: skip

# code, department, members, interventions (kind, title, organisation, members, category,
# demand), meetings (days before today), scores per goal per meeting, closed (days ago or None).
# The last intervention of each family ends ten days before its latest meeting.
FAMILIES = [
    ("F-DEMB", "601-11", [("M", "mother", "Mor", "B", "010190-XXXX", 1990), ("B1", "child", "Barn", "B1", "010112-XXXX", 2012), ("B2", "child", "Barn", "B2", "010118-XXXX", 2018)],
     [("employment", "Jobcenter: virksomhedspraktik", "K", ["M"], "employment", "availability"), ("housing_social", "Lektiecafé", "H", ["B1"], "school", ""), ("school_support", "Læsevejleder", "K", ["B1"], "school", "")],
     [300, 90], [[4, 6], [3, 6]], None),
    ("F-DEMC", "603-21", [("M", "mother", "Mor", "C", "010185-XXXX", 1985), ("F", "father", "Far", "C", "010183-XXXX", 1983), ("B1", "child", "Barn", "C1", "010109-XXXX", 2009), ("B2", "child", "Barn", "C2", "010114-XXXX", 2014)],
     [("ssp", "SSP-samtaler", "S", ["B1"], "crime", ""), ("mentor", "Ungementor", "K", ["B1"], "crime", ""), ("family_treatment", "Familiebehandling", "K", ["M", "F"], "parenting", ""), ("employment", "Jobcenter: aktivering", "K", ["F"], "employment", "availability"), ("housing_social", "Fritidsjob-formidling", "H", ["B1"], "leisure", "")],
     [400, 200, 30], [[3, 5, 7], [5, 5, 6]], None),
    ("F-DEMD", "601-12", [("M", "mother", "Mor", "D", "010192-XXXX", 1992), ("B1", "child", "Barn", "D1", "010120-XXXX", 2020)],
     [("daycare", "Sproglig indsats i dagtilbud", "K", ["B1"], "school", ""), ("health_visitor", "Sundhedsplejerske", "K", ["B1"], "health", ""), ("employment", "Danskuddannelse", "K", ["M"], "employment", "")],
     [250, 60], [[2, 5]], None),
    ("F-DEME", "602-23", [("M", "mother", "Mor", "E", "010180-XXXX", 1980), ("F", "father", "Far", "E", "010178-XXXX", 1978), ("B1", "child", "Barn", "E1", "010111-XXXX", 2011)],
     [("psychiatry", "Ambulant psykiatri", "P", ["M"], "wellbeing", "exemption"), ("employment", "Jobcenter: sygedagpengeopfølgning", "K", ["M"], "employment", ""), ("school_support", "Skolestøtte", "K", ["B1"], "school", "")],
     [500, 150], [[6, 8], [4, 7]], None),
    ("F-DEMF", "601-13", [("M", "mother", "Mor", "F", "010175-XXXX", 1975), ("B1", "child", "Barn", "F1", "010106-XXXX", 2006)],
     [("mentor", "Uddannelsesmentor", "K", ["B1"], "employment", "")],
     [1200, 1000], [[3, 8]], 900),
]  # fmt: skip
