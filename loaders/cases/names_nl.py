"""Name lists for the person-name detector, written for ketenkaart (EUPL-1.2, like the project).

These lists were compiled by hand for this project from general knowledge of names that are
frequent in the Netherlands across generations and backgrounds (Dutch, Frisian, Turkish,
Moroccan, Surinamese-Hindustani, Antillean, Indonesian, Vietnamese, Polish…); no third-party
list was copied, so no licence other than the project's applies. They are small on purpose
(about 650 first names and 400 surnames): the detector gets most of its recall from the *shape*
of a name (initials, titles, tussenvoegsels, a first name followed by a capitalised word), and
a larger list can be added at run time (:func:`loaders.cases.guard.NameLists.from_deduce`).

Two strengths:

- **strong** names are not ordinary Dutch words: one occurrence is enough (``Jansen``,
  ``Fatima``);
- **weak** names are also words (``Bakker``, ``Roos``, ``Visser``, ``de Groot``): they count only
  capitalised and next to another name sign (a first name, a tussenvoegsel, initials, a title).

``NOT_NAMES`` lists words of the chain (organisations, activities, places) that must never count
as a name even when a larger list contains them.

>>> "jansen" in SURNAMES_STRONG and "bakker" in SURNAMES_WEAK
True
>>> sorted(FIRST_NAMES_STRONG & FIRST_NAMES_WEAK)
[]
"""

from __future__ import annotations

__all__ = [
    "FIRST_NAMES_STRONG",
    "FIRST_NAMES_WEAK",
    "INTERFIXES",
    "NOT_NAMES",
    "SURNAMES_STRONG",
    "SURNAMES_WEAK",
    "TITLES",
]


def _words(text: str) -> frozenset[str]:
    # Hyphenated names are two tokens to the detector, so only single words are listed.
    return frozenset(w for w in text.split() if "-" not in w)


FIRST_NAMES_STRONG = _words("""
aad aafke aagje aaltje aart abdel abdelkader abdellah abdelhak abdul abdullah abdullahi abel abraham achmed
adam adinda adriaan adriana adrianus adrie agnes ahmad ahmed aicha aisha ajay akif alain albert alberdina
albertus aleksander aleksandra alex alexander alexandra ali alice alicia alida alie alina alisha amal amani
amina aminata amir amira amy ana anand andrea andreas andre andries andrzej aneta angela angelique anil anita
anja anke ankie anna anne anneke anneloes annemarie annemieke annet annette annie anouk anthony antoine anton
antonia antonie antonius anwar arda arend arie arjan arjen arnold arnoud aron arthur arwen asha ashwin asma
astrid aukje ayaan ayden ayla aylin ayoub ayse aysel aysun azize baran barbara bart bartholomeus bastiaan
beatrix benjamin berend berry bert bertus betsy bianca bilal birgit bjorn boaz boris boudewijn brahim bram
brenda brian bryan burak caitlin carin carla carlos carmen carolien caroline casper catharina cathy chantal
charlotte chayenne chelsea chiara chris christiaan christian christina christine cindy claire claudia cobie
coby cor corina cornelia cornelis corrie cynthia daan dani daniel daniella danielle danique dave david
debora deborah demi dennis derk desiree dewi diana dick diederik dilan dina dion dirk dirkje djamila dominique
donna dora doris dorothea dries duncan dylan ebru edith eduard edwin eefje eelco eline elif elisabeth elise
eliza ellen elly  elske emily emine emir emma emre  esma esra esther eva evelien evert ewa ezra fabian
fadoua fahad faisal farah fardau farid fatih fatima fatma fatoumata fedde femke fenna   floris
 frederik frits gea geert geertje geertruida gerard gerarda gerben gerda gerrit gerritje gert gertrude
gijs gijsbert gillian gino giovanni gonny gracia greet greetje grietje guus hamid hamza hanan hanna hannah
hanneke hans  harmen hasan hatice hein hendrik hendrika hendrikus henk henny henri henriette herman
hermanus hester hidde hilde hussein ibrahim ilse imane imke imran inge ingrid irene isa isabel isabella
isabelle ismail ivo jaap jacob jacoba jacobus jacqueline jamal jamie jan janet janine janneke jannie jannes
jantje  jasmine jasper jayden jeanette jelle jeroen jesper jesse jessica joannes jochem joep joey
johan johanna johannes jolanda joost joris jos josephine joshua joyce judith julia julian juliette julius
justin karel karima karin karlijn kasper katarzyna kate katja kees kelly kevin khadija khalid kim kishan
klaas koen kofi kristel krzysztof kwame laila lara lars laura lauren laurens lea leendert leila lena lennart
leo leon leonie  lieke  lina linda lisa lisanne liv lizzy lotte louis lucas lucia luuk lydia maaike
maarten  mahmoud maike malika manon marco marcel marcus margaretha margriet maria mariam marianne
marie mariette marieke marijke marina mario marion marjan marjolein marleen marloes martha marthe martijn
martin martine maryam mathijs matthijs maurice meindert mehmet melanie melissa melvin  meryem mette
michael michel michelle mieke mila milou miranda mirjam mohamed mohammad mohammed monique mustafa myrthe
nadia nadine naima najib natasha nathalie nicole niels nienke nina noah noortje nora nordin nourdin nurcan
olga olivia omar ozan patricia patrick paul paula paulus pauline peter petra petronella pieter pietje piotr
pleun priscilla priya quinten rachid rachida rahul rajesh ramon rashid ravi rebecca redouan reinier remco
renate rene richard rick rik rob robbert robert robin roderick roel roelof romano ronald roy ruben rutger
saar sabine sabrina sadia safae  salma samira samuel sander sandra sanne sara sarah saskia sebastiaan
selin selma sem serkan sevda sharon shanti silvia simone sinan siham sjaak sjoerd sofia sophie soufiane
stefan stephanie stijn suzanne sven sylvia tamara tanja tess teun theo thijs thomas tijn tim timo tina tineke
tjeerd tom tomasz  tonny tycho vera veronique victor vincent wendy wesley wiebe willem willemijn willemina
wilhelmina willy wim winston wouter yara yasmina yasmine yassin yassine yousra youssef yusuf yvonne zeynep
zoe zakaria zainab zuzanna
""")

# First names that are also ordinary words (or too short to stand alone).
FIRST_NAMES_WEAK = _words("""
ad amber bas ben bo do eef els ernst fleur floor frans harm jasmijn lex lieve madelief merel said ton elke fien
frank gaby hoop iris jade job joy june kay lief lot luna mark max
mies milan noor olaf puck rosa roos ruth ryan sam skye sterre storm tijs ties tobias valentijn wil will
""")

SURNAMES_STRONG = _words("""
aalbers aarts abbas achterberg adriaanse ahmadi akkerman albers alberts amrani arends arslan aslan aydin
azzouzi  bakkali bakker-smit bax beekman beenhakker benali bergsma bisoendial blom blokland boekhout
boersma bogaerts boomsma  bosman bouma boukhari bouwman brands bredius brinkman bruijn bruinsma buijs
bulut claassen cornelissen cetin celik damen de-bruijn dekker demir dijkhuizen dijkman dijkstra dogan
driessen drost elbers evers faber franken gerritsen goossens groenendijk haddouchi hazelhoff heijden hendriks
hendrikse heijmans hermans hoekstra hofman hofstra holwerda hoogendoorn hooijer houtman huijbregts idrissi
jacobs jagessar jansen janssen janssens jongeneel kaya kanhai khattabi kilic kivits klaassen kleijn koc
koopman kramer-jansen  kuijpers kuipers kurt laan-jansen lammers lubbers mahabier martens martina
meijer meulen michels mohan mulder nguyen nijhuis nijland noordhuis ouali ozdemir ozkan ozturk pauwels peeters
peters pham pieterse  postma prinsen ramdin ramsaran reijnders rietveld rijnders roelofs rutten sahin
sanders  scholten schouten sewnarain simsek  smeets smit smits snijders spijkerman  steenbergen
stevens suparman teunissen timmermans tjon tran uijtdehaag veenstra verbeek verheij verhoef verhoeven
verkerk vermeer vermeulen versteeg visscher vlaar   vos-jansen vrieling vries wagemans wijnaldum
willems willemsen wolters wouters yildirim yildiz yilmaz zijlstra zwart-jansen hoekman jonkman kok-jansen
brouwers bosmans claes wijnands peelen ramkisoen biharie autar doekhie soekhlal jhinkoe baldewsingh
kartosen sastro atmodimedjo pattipeilohy latuhihin tahapary lim tan liem  kwee jaspers lodewijks
nieuwenhuis oosterhuis vermaat oudshoorn  raaijmakers schoenmakers ververs wijers zandbergen
vandenberg vanderveen vandijk vanleeuwen verhagen verbruggen vermeij verdonk weijers wijnen wiersma wijma
wijbenga hettinga terpstra sikkema haitsma jellema feenstra kingma dijkema tuinstra visscher-smit
fennema nauta hoogeveen ruiter-jansen kuijken kranendonk polman  bolhuis bolkestein bruggeman
dijkgraaf ebbers geerts goedhart grootveld hakkert heemskerk hoogland huijsman jongejan kamphuis
kooistra koppelaar lagerwerf lammertink leenders luijten manders meijering nijenhuis  overbeek
pijnenburg quist reinders rozendaal schuurman sijbrandij  stoffels swinkels teeuwen thijssen
tiemersma veldhuis venema verschuren vinke vis-jansen vlietstra wessels westerhof wiegersma zuidema
abdi achahbar aknouch amghar benaissa bouzid chaoui el-amrani el-idrissi ennaji hamdaoui lahlou mansouri
mokhtari ouazzani ziani erdogan gunes korkmaz polat sen tekin unal yavuz ozer acar aksoy altun bayram
kowalski nowak wisniewski wojcik kaminski lewandowski zielinski szymanski dabrowski kozlowski
""")

# Surnames that are also ordinary words: they count only capitalised and next to another sign.
SURNAMES_WEAK = _words("""
baas bakker beek berg boer bos brink broek brouwer bruin dam dekker-bos dijk doorn graaf groen groot haan
heuvel hoek horst huisman jong jonge jonker koning koster kok kramer kuiper lange leeuw leeuwen linden
loon maas meer meulenberg mol molenaar pol post prins ruiter schipper smid veen vink visser vliet vos
wal wijk wit zwart kleine kleijn-berg groote klein hout laan steen veld water weerd wolf haas bloem
boom kamp zee molen kerk hof hoeve dijkhuis bosch-boer akker kruis stok boot slot stam kroon pronk plomp schaap
baars vonk ploeg kerkhof ooms spaans
vogels oei bosch
""")

# Tussenvoegsels (each word of a multi-word one): "van der", "in 't", "van de", "ter"…
INTERFIXES = _words("""
van der den de het 't te ter ten op in onder aan bij over uit voor tot la le du da di del della dos das von
vd v.d. vander vanden vande el al ben bin ait abou ou
""")

# Forms of address and kinship words before a first name ("juf Annemiek", "oma Riet");
# abbreviations count only with a full stop (see the guard), full words always.
TITLES = _words("""
dhr mevr mw mevrouw meneer juffrouw juf mr mrs ms miss dr drs ir ing prof heer meester oma opa tante oom moeder
vader zus broer
""")

# Words of the chain that are never a name, even when a larger list has them.
NOT_NAMES = _words("""
raad rechter kinderrechter politie thuis veilig zorg team wijkteam jeugd melding zaak gesprek
onderzoek overdracht verzoek plan aanpak hulp intake crisis beoordeling veiligheid zitting officier
justitie burgemeester haag haaglanden delft zoetermeer rijswijk leidschendam voorburg wassenaar westland
midden-delfland pijnacker nootdorp amsterdam rotterdam utrecht leiden
kinderbescherming jeugdbescherming west oost noord zuid gemeente ggd ggz om ots vt amhk mei juni juli
april augustus maart januari februari september oktober november december maandag dinsdag woensdag
donderdag vrijdag zaterdag zondag
""")
