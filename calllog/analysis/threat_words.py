"""The default threat word lists (Dutch, French, English).

Syntax: see ``threats`` (whole words; ``{a,b}`` spells out inflections and
spellings). The lists aim at explicit threats of violence or death and at
the common intimidation phrases ("I know where you live"); they include
Flemish forms of address (u, ge, gij) and spellings seen in text messages
(zonder accenten, "youll", "tes mort"). They are a starting point, not a
verdict: every match is shown with its message so a person can check it,
and the case can change the lists (``calllog settings set threat_words_nl ...``).
Words that are ordinary in daily life ("kapot" for a broken phone, "dead"
for a flat battery) appear only inside phrases.
"""

from __future__ import annotations

THREAT_WORDS_NL: tuple[str, ...] = (
    "dood", "doden", "{ik,we} {maak,maken} {je,jou,u,ou} dood", "doodmaken", "doodmaak", "doodgemaakt",
    "doodslaan", "doodsla", "doodgeslagen", "doodsteken", "doodsteek", "doodgestoken",
    "doodschieten", "doodschiet", "doodgeschoten",
    "vermoord{,en,t,de,den}", "vermoort",
    "afmaken", "{maak,maken} {je,jou,u,ou,jullie} af", "afgemaakt",
    "kapotmaken", "kapotmaak", "{maak,maken} {je,jou,u,ou} kapot", "{ik,we} {krijg,krijgen} {je,jou,u,ou} kapot",
    "{je,jij,ge,gij,u} {gaat,gaan} eraan", "{je,jij,ge,gij,u} {gaat,gaan} er aan",
    "{je,jij,ge,gij,u} {bent,zijt,zit} er geweest", "{je,jij,ge,gij,u} {bent,zijt} dood",
    "{je,jij,ge,gij,u} {gaat,zal,zult} {dood,doodgaan,sterven,creperen,boeten,afzien}",
    "in elkaar {slaan,sla,geslagen,timmeren,timmer,getimmerd,trappen,trap,getrapt,steken}",
    "{sla,steek,schiet,snij} {je,jou,u,ou} {neer,in elkaar,de keel over,kapot,lens,dood}",
    "neersteken", "neergestoken", "neerschieten", "neergeschoten", "neerknallen",
    "de keel {over,oversnijden,doorsnijden}",
    "spijt van krijgen", "zal {je,u} berouwen", "{je,ge} zult boeten",
    "ik weet waar {je,jij,ge,gij,u} {woont,woon,werkt,werk,slaapt,bent,zijt,zit,uithangt}",
    "ik {krijg,pak,vind} {je,jou,u,ou} nog wel", "ik kom {je,jou,u,ou} halen",
    "{pas maar,kijk maar} op {je,jou,u,ou} tellen", "kijk uit wat {je,ge} doet",
    "wraak", "wraak nemen", "ik neem wraak",
    "ik {steek,brand,sla} {je,jou,uw} {huis,auto,wagen,kot} {in brand,plat,kapot}",
    "ik {steek,brand} {je,jouw,uw} {huis,auto,wagen} in",
)

THREAT_WORDS_FR: tuple[str, ...] = (
    "tu{er,e,es,ent,erai,eras,era,erons,erez,eront,erais,erait,ee,ees}",
    "je {vais,va} te tuer", "je te tue", "je vais te buter", "bute{,r,rai,ra}", "je vais t'abattre",
    "crev{e,es,er,era,eras,erai}", "tu vas crever", "va crever",
    "{t'es,tes,tu es,t'est} {mort,morte,foutu,foutue,fini,finie}", "tu vas mourir", "tu vas y passer",
    "massacr{er,e,erai}", "egorg{er,e,erai}", "saign{er,erai}", "etrangl{er,e,erai}",
    "je vais te {frapper,defoncer,demolir,niquer,planter,saigner,retrouver,faire la peau,faire payer,faire du mal,casser la gueule,eclater,bousiller}",
    "te faire la peau", "casser la gueule", "defoncer la gueule",
    "tu {vas,va} {le regretter,regretter,payer,me le payer,souffrir}", "tu le regretteras", "tu le paieras", "tu me le paieras",
    "je sais o{u,ù} tu {habites,habite,travailles,travaille,dors,vis,es}",
    "fais gaffe {a,à} toi", "gare {a,à} toi", "je vais me venger", "vengeance",
    "je vais {bruler,foutre le feu a} ta {maison,voiture}",
)

THREAT_WORDS_EN: tuple[str, ...] = (
    "kill{,s,ed,ing}", "murder{,s,ed,ing}", "i'll {kill,murder,hurt,end,get,find} you", "ill kill you",
    "{gonna,going to,will} {kill,murder,hurt,end,get,find,stab,shoot} you",
    "hurt you", "hurt u", "beat you up", "beat the {shit,crap,hell} out of you",
    "stab{,bed,bing} you", "shoot you", "slit your throat", "break your {neck,legs,face}",
    "{you're,youre,you are,ur,u r} {dead,finished,done for,going to die,gonna die,gonna pay,going to pay}",
    "dead {man,woman,meat,girl,bitch}", "you will die", "you'll die", "youll die",
    "{you'll,youll,you will,you're gonna,you are going to} {regret,pay for} {it,this,that}",
    "you'll regret", "youll regret", "you will regret", "you'll pay", "youll pay", "you will pay",
    "i know where you {live,work,sleep,are}",
    "you can't hide", "you cant hide", "you cannot hide", "watch your back",
    "{burn,torch} your {house,car}", "revenge",
)

DEFAULT_THREAT_WORDS: dict[str, tuple[str, ...]] = {
    "nl": THREAT_WORDS_NL,
    "fr": THREAT_WORDS_FR,
    "en": THREAT_WORDS_EN,
}
