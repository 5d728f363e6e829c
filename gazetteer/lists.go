package gazetteer

// Word lists used by the spotter. They hold facts of English usage, not
// data about particular places, so they apply to any gazetteer build.

// blockers are names of organisations and other things that contain or
// equal a place name but are not places. The longest match wins, so
// "Washington Post" hides "Washington".
var blockers = []string{
	"Islamic State", "ISIS", "ISIL", "Daesh", "Al-Monitor", "Al Jazeera", "Al-Qaeda", "Al Qaeda",
	"Al-Shabaab", "Hezbollah", "Hamas", "Taliban", "Boko Haram", "NATO", "UN", "U.N.", "United Nations",
	"European Commission", "European Parliament", "African Union", "Arab League",
	"Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "BBC", "CNN", "NPR", "Fox News", "Sky News",
	"New York Times", "Washington Post", "Wall Street Journal", "Los Angeles Times", "Boston Globe",
	"Chicago Tribune", "Financial Times", "Jordan Times", "Times of India", "Jerusalem Post", "Bloomberg",
	"Guardian", "Politico", "Al Arabiya", "Xinhua", "Interfax", "TASS", "Anadolu",
	"Pentagon", "Kremlin", "White House", "Downing Street", "Capitol Hill", "Wall Street", "Scotland Yard",
	"Google", "Apple", "Amazon", "Microsoft", "Facebook", "Twitter", "YouTube", "Walmart",
	"Honda", "Toyota", "Nissan", "Hyundai", "Jesus", "Christ", "Obama",
	"Real Madrid", "Manchester United", "Manchester City", "Chelsea FC", "Inter Milan", "AC Milan",
	"Paris Saint-Germain", "Bayern Munich", "Boston Red Sox", "New York Yankees",
	"Arab", "Arabs", "Arab League", "Arab Spring", "United Russia", "Supreme Court", "Senate", "Congress", "Parliament", "Ministry", "Red Cross", "Red Crescent",
	"GNA", "FSA", "LNA", "SDF", "PKK", "YPG", "IS", "ICC", "IMF", "WHO", "OPEC", "FBI", "CIA", "NSA",
	"SWAT", "Duma", "State Duma", "The City", "Sens", // police units, Russia's parliament, "The City Council", senators
	"El Niño", "La Niña", "Niña", // the Pacific climate patterns
}

// titles precede a person's name: "Gen. Paul Selva", "King Abdullah".
var titles = set(
	"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "gen", "general", "lt", "col", "colonel", "maj",
	"major", "capt", "captain", "sgt", "sergeant", "adm", "admiral", "cmdr", "commander", "president",
	"sen", "senator", "rep", "representative", "gov", "governor", "minister", "secretary", "chairman",
	"judge", "justice", "mayor", "king", "queen", "prince", "princess", "sheikh", "sheik", "pope",
	"father", "rev", "reverend", "bishop", "officer", "detective", "coach", "lord", "lady", "sir", "dame",
	"ambassador", "chancellor", "premier", "emir", "sultan", "ayatollah", "imam", "deputy", "chief",
	"spokesman", "spokeswoman", "attorney", "sheriff", "lieutenant", "corporal", "private", "brother",
	"sister", "uncle", "aunt", "saint", "vice", "pvt", "cpl", "supt", "insp", "inspector", "councilman",
	"councilwoman", "commissioner", "director", "trooper", "deputies", "actor", "actress", "singer",
	"striker", "midfielder", "defender", "forward", "quarterback", "pitcher", "guard",
)

// givenNames are common first names: a name right after one is a surname.
var givenNames = set(
	"james", "john", "robert", "michael", "william", "david", "richard", "joseph", "thomas", "charles",
	"christopher", "daniel", "matthew", "anthony", "mark", "donald", "steven", "paul", "andrew", "joshua",
	"kenneth", "kevin", "brian", "george", "timothy", "ronald", "edward", "jason", "jeffrey", "ryan",
	"jacob", "gary", "nicholas", "eric", "jonathan", "stephen", "larry", "justin", "scott", "brandon",
	"benjamin", "samuel", "gregory", "frank", "alexander", "raymond", "patrick", "jack", "dennis",
	"jerry", "tyler", "aaron", "jose", "adam", "henry", "nathan", "douglas", "zachary", "peter", "kyle",
	"walter", "ethan", "jeremy", "harold", "keith", "christian", "roger", "noah", "gerald", "carl",
	"terry", "sean", "austin", "arthur", "lawrence", "jesse", "dylan", "bryan", "joe", "jordan", "billy",
	"bruce", "albert", "willie", "gabriel", "logan", "alan", "juan", "wayne", "roy", "ralph", "randy",
	"eugene", "vincent", "russell", "elijah", "louis", "bobby", "philip", "johnny", "bill", "bob", "jim",
	"tom", "mike", "dave", "steve", "chris", "tony", "nick", "ben", "sam", "dan", "matt", "tim", "ted",
	"mary", "patricia", "jennifer", "linda", "elizabeth", "barbara", "susan", "jessica", "sarah", "karen",
	"nancy", "lisa", "betty", "margaret", "sandra", "ashley", "kimberly", "emily", "donna", "michelle",
	"dorothy", "carol", "amanda", "melissa", "deborah", "stephanie", "rebecca", "sharon", "laura",
	"cynthia", "kathleen", "amy", "shirley", "angela", "helen", "anna", "brenda", "pamela", "nicole",
	"emma", "samantha", "katherine", "christine", "debra", "rachel", "catherine", "carolyn", "janet",
	"ruth", "maria", "heather", "diane", "virginia", "julie", "joyce", "victoria", "olivia", "kelly",
	"christina", "lauren", "joan", "evelyn", "judith", "megan", "cheryl", "andrea", "hannah", "martha",
	"jacqueline", "frances", "gloria", "ann", "teresa", "kathryn", "sara", "janice", "jean", "alice",
	"madison", "doris", "abigail", "julia", "judy", "grace", "denise", "amber", "marilyn", "beverly",
	"danielle", "theresa", "sophia", "marie", "diana", "brittany", "natalie", "isabella", "charlotte",
	"rose", "alexis", "kayla", "hillary", "barack", "vladimir", "recep", "emmanuel", "angela", "boris",
	"xi", "narendra", "benjamin", "bashar", "khalifa", "muammar", "abdullah", "mohammed", "muhammad",
	"mohamed", "ahmed", "ahmad", "ali", "hassan", "hussein", "omar", "mahmoud", "ibrahim", "khalid",
	"abdel", "abdul", "yusuf", "mustafa", "fatima", "aisha", "ivan", "sergei", "sergey", "dmitry",
	"alexei", "olga", "tatiana", "natalia", "pierre", "jean", "jacques", "francois", "marie", "hans",
	"klaus", "wolfgang", "angelo", "giuseppe", "giovanni", "marco", "luca", "carlos", "luis", "miguel",
	"pedro", "jorge", "antonio", "manuel", "francisco", "javier", "diego", "pablo", "fernando", "hugo",
	"kim", "lee", "park", "chen", "wang", "li", "zhang", "liu", "hiroshi", "takeshi", "yuki", "raj",
	"rahul", "amit", "priya", "sanjay", "kofi", "nelson", "jacob", "cyril", "paulo", "jair", "luiz",
	"lula", "dilma", "evo", "nicolas", "hugo", "fidel", "raul", "andres", "felipe", "santiago", "mateo",
	"lucas", "leonardo", "martin", "sofia", "valentina", "camila", "elena", "irina", "anastasia",
	"kamala", "joe", "nancy", "mitch", "chuck", "bernie", "elizabeth", "ted", "marco", "rand", "lindsey",
	"tiger", "lebron", "kobe", "shaquille", "serena", "venus", "roger", "rafael", "novak", "andy",
	"lionel", "cristiano", "neymar", "kylian", "wayne", "david", "harry", "meghan", "kate", "william",
	"charles", "camilla", "diana", "elton", "taylor", "justin", "selena", "paris", "london", "brooklyn",
	"dakota", "savannah", "austin", "dallas", "houston", "phoenix", "denver", "aurora", "florence",
	"georgia", "carolina", "chelsea", "sydney", "devon", "lincoln", "jackson", "cleveland", "tyler",
)

// calendarWords are months and weekdays, never places when unqualified.
var calendarWords = set(
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", "christmas", "easter", "ramadan", "eid", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
	"sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
)

// directions are never places on their own ("South", "Northeast").
var directions = set("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
	"northern", "southern", "eastern", "western", "central", "centre", "center", "midwest", "downtown", "uptown")

// speechVerbs after a name mark it as a person: "Clark said".
var speechVerbs = set("said", "says", "told", "added", "asked", "explained", "noted", "stated", "wrote",
	"recalled", "argued", "insisted", "testified", "replied", "admitted", "announced", "tweeted")

// leadWords may stand, capitalised, right before a place without making it
// part of a longer name: "In Sirte", "Northern Syria", "Greater London".
var leadWords = set(
	"in", "at", "on", "of", "from", "to", "into", "near", "outside", "inside", "across", "around",
	"throughout", "across", "since", "until", "during", "after", "before", "the", "a", "and", "but",
	"or", "for", "with", "by", "as", "when", "while", "where", "like", "than", "via", "north", "south",
	"east", "west", "northern", "southern", "eastern", "western", "central", "northeast", "northwest",
	"southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
	"greater", "downtown", "upper", "lower", "rural", "coastal", "neighboring", "neighbouring",
	"both", "between", "against", "over", "under", "about", "if", "so", "all", "across", "visit",
	"visiting", "leaving", "left", "entering", "then", "also", "including", "like", "nearby", "pro",
	"anti", "post", "pre", "ex", "all", "this", "that", "these", "those", "its", "his", "her", "their",
	"our", "my", "your", "we", "they", "he", "she", "it", "i", "you", "there", "here", "today",
)

// placePrepositions put whatever follows in a place: "in", not "to".
var placePrepositions = set("in", "at", "near", "from", "outside", "across", "around", "throughout")

// locPrepositions introduce a location: "in Reading", "near Hope".
var locPrepositions = set("in", "at", "near", "from", "outside", "to", "into", "across", "around", "through", "throughout", "via", "toward", "towards")

// usStates maps AP-style and postal abbreviations, used as qualifiers
// ("Alexandria, Va.", "Austin, TX"), to GeoNames admin1 keys.
var usStates = map[string]string{
	"ala": "AL", "al": "AL", "alaska": "AK", "ak": "AK", "ariz": "AZ", "az": "AZ", "ark": "AR", "ar": "AR",
	"calif": "CA", "cal": "CA", "ca": "CA", "colo": "CO", "co": "CO", "conn": "CT", "ct": "CT", "del": "DE",
	"de": "DE", "fla": "FL", "fl": "FL", "ga": "GA", "hawaii": "HI", "hi": "HI", "idaho": "ID", "id": "ID",
	"ill": "IL", "il": "IL", "ind": "IN", "in": "IN", "iowa": "IA", "ia": "IA", "kan": "KS", "kans": "KS",
	"ks": "KS", "ky": "KY", "la": "LA", "maine": "ME", "me": "ME", "md": "MD", "mass": "MA", "ma": "MA",
	"mich": "MI", "mi": "MI", "minn": "MN", "mn": "MN", "miss": "MS", "ms": "MS", "mo": "MO", "mont": "MT",
	"mt": "MT", "neb": "NE", "nebr": "NE", "ne": "NE", "nev": "NV", "nv": "NV", "n h": "NH", "nh": "NH",
	"n j": "NJ", "nj": "NJ", "n m": "NM", "nm": "NM", "n y": "NY", "ny": "NY", "n c": "NC", "nc": "NC",
	"n d": "ND", "nd": "ND", "ohio": "OH", "oh": "OH", "okla": "OK", "ok": "OK", "ore": "OR", "or": "OR",
	"pa": "PA", "r i": "RI", "ri": "RI", "s c": "SC", "sc": "SC", "s d": "SD", "sd": "SD", "tenn": "TN",
	"tn": "TN", "texas": "TX", "tex": "TX", "tx": "TX", "utah": "UT", "ut": "UT", "vt": "VT", "va": "VA",
	"wash": "WA", "wa": "WA", "w va": "WV", "wv": "WV", "wis": "WI", "wisc": "WI", "wi": "WI", "wyo": "WY",
	"wy": "WY", "d c": "DC", "dc": "DC",
}

// otherDivisions maps the abbreviations of Canadian provinces and
// Australian states, used as qualifiers ("Regina, Sask.", "Sydney, NSW"),
// to their GeoNames admin-1 codes. Alone, "B.C." is more often a year.
var otherDivisions = map[string]string{
	"alta": "CA.01", "ab": "CA.01", "b c": "CA.02", "bc": "CA.02", "man": "CA.03", "mb": "CA.03",
	"n b": "CA.04", "nb": "CA.04", "nfld": "CA.05", "nl": "CA.05", "n s": "CA.07", "ns": "CA.07",
	"ont": "CA.08", "on": "CA.08", "p e i": "CA.09", "pei": "CA.09", "que": "CA.10", "qc": "CA.10",
	"sask": "CA.11", "sk": "CA.11", "yuk": "CA.12", "n w t": "CA.13", "nwt": "CA.13",
	"nsw": "AU.02", "qld": "AU.04", "vic": "AU.07", "tas": "AU.06",
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
