"""The demo's free texts (synthetic), written in the style of a committee status document."""

from __future__ import annotations

_MARK = "(Syntetisk demotekst.)"

REVIEW_2020 = {
    "case_summary": (
        "Administrationen forelægger treårs-status for arbejdet med den boligsociale helhedsplan "
        f"Plads Til Forskel til udvalgets orientering. {_MARK}"
    ),
    "organisation": (
        "På grund af coronanedlukningen i foråret 2020 har bestyrelsen ikke holdt de to årlige "
        "møder med følgegruppen eller møder med beboerpanelet. Der er dog holdt mindre møder med "
        "afdelingsbestyrelserne om konkrete aktiviteter.\n\n"
        "I starten af 2020 blev der indgået aftale med Brændgårdskolen om at dele en "
        "familiemedarbejderstilling mellem skolen og helhedsplanen. Det har fungeret godt.\n\n"
        "Samarbejdet mellem helhedsplanen, boligorganisationerne og kommunen er fortsat godt og "
        "i udvikling, fx om informationsmøder med ungeindsatsen, familielejr og fritidsjob."
    ),
    "goal_follow_up": (
        "Data opgøres ikke ens hos alle parter, hvilket kan give mindre forskydninger. Generelt "
        "er værdierne for den strategiske målopfølgning præget af corona."
    ),
    "budget": (
        "Helhedsplanen har selv søgt midler hjem til sommerlejr og sommeraktiviteter, se de "
        "eksterne bevillinger ovenfor.\n\n"
        "Helhedsplanen er involveret i to projekter: et, der matcher ældre borgere med "
        "sprogstuderende udlændinge, og et brobygningsprojekt for unge sammen med et lokalt "
        "teater og ungdomsskolen."
    ),
    "collaboration": (
        "Samarbejdet med kommunens forvaltninger og boligorganisationerne har ført til, at der er "
        "nedsat en arbejdsgruppe, som skal udarbejde en procesplan og et udkast til en fælles "
        "boligsocial strategi. Arbejdet har været stillet i bero under corona."
    ),
    "other_efforts": (
        "Helhedsplanen har forsøgt at fastholde og udvikle en række samarbejder, selvom corona "
        "har gjort det vanskeligt. Blandt de mest centrale:\n\n"
        "- samarbejde med en erhvervsskole om unge i 10. klasse og frafaldstruede elever\n"
        "- samarbejde med SSP om uro i Brændgårdområdet\n"
        "- kommunens søndagscaféer for pensionister\n"
        "- opstart af fritidsjob i kommunen til unge fra områderne; de første to er oprettet"
    ),
    "recommendation": "at orienteringen tages til efterretning.",
}

REVIEW_2021 = {
    "case_summary": (
        "Administrationen forelægger slutstatus for 2021 for den boligsociale helhedsplan Plads "
        f"Til Forskel, som udløber 30. september 2021. {_MARK}"
    ),
    "organisation": (
        "Bestyrelsen har igen holdt møder med følgegruppen og beboerpanelet, efter at "
        "samfundet er genåbnet. Familiemedarbejderstillingen på Brændgårdskolen fortsætter."
    ),
    "goal_follow_up": (
        "Tallene for 2021 viser både fremgang og tilbagegang; udviklingen bør ses over hele "
        "planperioden og ikke kun fra år til år."
    ),
    "budget": "Budgettet for 2021 er fulgt. Der er ikke søgt nye eksterne midler i 2021.",
    "collaboration": (
        "Arbejdet med en fælles boligsocial strategi er genoptaget og skal danne grundlag for "
        "en ny helhedsplan."
    ),
    "other_efforts": (
        "- fritidsjob i kommunen til unge fra områderne er udvidet\n"
        "- samarbejdet med SSP om uro i Brændgårdområdet fortsætter"
    ),
    "recommendation": "at slutstatus tages til efterretning.",
}

EDITED_2020 = {
    "vandalism_cost": (
        "Hærværk i områderne er steget i 2020 i forhold til året før. Opgørelserne laves "
        "imidlertid ikke ens, selvom der er gjort forsøg på det, og det kan give misvisende tal."
    ),
    "complaints_per_100_tenancies": (
        "Klagerne fra beboerne er steget markant i 2020. Stigningen var ventet, fordi flere "
        "beboere har været mere hjemme i coronaperioden."
    ),
}

ADDED_2020 = {
    "Trivsel og tryghed": (
        "Selvom de faste frivillige aktiviteter stort set har været lukket i 2020, er "
        "frivilligheden alligevel blomstret. Mange har tilbudt sig som praktiske hjælpere ved "
        "de arrangementer, det har været muligt at holde."
    ),
}
