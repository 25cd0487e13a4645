"""Names, number words and spoken-form helpers for seven languages (invented data, no real people)."""

GIVEN = {
    "en": {"m": "Oliver Harry George Callum Rhys Declan Finlay Ewan Jasper Tobias Nathaniel Rory Gareth Leon Stanley Barnaby Dominic Kieran Alfie Reuben Miles Hamish Owen Theo Felix Isaac".split(),
           "f": "Lily Amelia Harriet Niamh Imogen Freya Rosalind Bethany Tamsin Georgia Maisie Eleanor Poppy Siobhan Clementine Hazel Ruth Ottilie Megan Philippa Abigail Nell Cerys Evie Matilda".split()},
    "de": {"m": "Jonas Lukas Maximilian Florian Tobias Matthias Benedikt Henrik Kilian Jürgen Dieter Wolfgang Sören Malte Timo Bastian Konstantin Rüdiger Ansgar Falk Jannik Quirin Veit Leopold Ulrich".split(),
           "f": "Katharina Anneliese Hannelore Friederike Lena Johanna Svenja Wiebke Mareike Ute Gudrun Sabine Jutta Brigitte Franziska Theresa Annika Helga Dörte Lieselotte Ronja Carola Insa Greta Hildegard".split()},
    "fr": {"m": "Mathieu Étienne Benoît Grégoire Thibault Anatole Loïc Rémi Jérôme Aurélien Baptiste Gaëtan Hervé Yannick Maxence Octave Sébastien Tristan Cédric Bastien Florent Gilles Noël Quentin Romain".split(),
           "f": "Élodie Amélie Solène Maëlle Capucine Bérénice Margaux Océane Séverine Clémence Héloïse Mathilde Inès Gaëlle Lucille Ségolène Aurore Josiane Perrine Noémie Apolline Rosalie Delphine Axelle Chloé".split()},
    "it": {"m": "Alessandro Lorenzo Tommaso Gianluca Davide Matteo Riccardo Federico Edoardo Niccolò Gabriele Salvatore Vincenzo Raffaele Pasquale Ettore Ludovico Corrado Massimo Fabrizio Emanuele Ruggero Jacopo Dario Cosimo".split(),
           "f": "Chiara Francesca Giulia Ilaria Federica Beatrice Ludovica Martina Serena Valentina Alessia Benedetta Costanza Ginevra Noemi Rebecca Marta Ornella Graziella Annalisa Caterina Elisabetta Loredana Viola Rachele".split()},
    "es": {"m": "Alejandro Íñigo Álvaro Joaquín Rodrigo Gonzalo Sergio Adrián Hugo Ignacio Rubén Marcos Nicolás Víctor Jesús Borja Aitor Xavier Emilio Fermín Ramiro Óscar Julián Andrés Tomás".split(),
           "f": "Lucía Carmen Nerea Ainhoa Itziar Rocío Inmaculada Begoña Macarena Paloma Almudena Triana Leire Montserrat Covadonga Alba Sofía Noelia Estíbaliz Remedios Yolanda Amparo Candela Vega Marina".split()},
    "nl": {"m": "Daan Sem Bram Thijs Joris Stijn Sander Wouter Gijs Maarten Pieter Ruben Jeroen Niels Koen Bart Wessel Teun Hidde Sjoerd Floris Mees Jelle Tijmen Arjen".split(),
           "f": "Sanne Femke Lotte Anouk Marloes Ilse Fleur Esmee Roos Noor Eline Maaike Wietske Jolien Femmie Annemiek Lieke Merel Saskia Hanneke Tessa Janneke Inge Wilma Mirthe".split()},
    "pl": {"m": "Krzysztof Grzegorz Paweł Tomasz Łukasz Jakub Szymon Bartosz Wojciech Przemysław Mateusz Dariusz Zbigniew Jarosław Mirosław Radosław Witold Kacper Maciej Andrzej Sławomir Bogdan Marek Ireneusz Leszek".split(),
           "f": "Agnieszka Małgorzata Katarzyna Joanna Magdalena Zofia Aleksandra Weronika Jadwiga Bożena Grażyna Halina Dorota Elżbieta Wiktoria Justyna Urszula Beata Iwona Monika Renata Ewelina Marzena Danuta Barbara".split()},
}

SURNAMES = {
    "en": "Morgan Whitaker Pemberton Ashworth Calloway Hughes-Whitaker Fairbairn Llewellyn O'Donnell McAllister Thornbury Blackwood Featherstone Gallagher Rowntree Okafor Kapoor Delaney Sutcliffe Holroyd Pennington Kershaw Abernethy Ramsbottom Quigley Fitzgerald Winterbourne Carrow Tennant Oduya Stanhope Merriweather".split(),
    "de": "Schreiber Hoffmann Brandstätter Kühnel Oberhuber Weißenberger Lindqvist Ziegler Mühlbauer Vogelsang Osterkamp Fröhlich Pfannkuch von Hohenstein von der Heyde Schulze-Brückner Gümüş Kowalewski Wendland Rautenberg Haberkorn Tiedemann Eichhorn Stöckl Nagelschmidt Reinhold Achterberg Kleinschmidt Duvenbeck Heßling Zimmermann".split() ,
    "fr": "Lefebvre Moreau Fournier Girard Bonnaire Chevallier Delacroix de la Fontaine du Plessis Marchetti Rousseau-Vidal Lemaître Perrin Garnier Boulanger Aubert N'Diaye Benali Caron Deschamps Lacoste Marchand Vasseur Hébert Le Goff Kerbrat Thibaudeau Ménard Ferrand Saint-Amand Lebœuf".split(),
    "it": "Bianchi Esposito Colombo Ricci Marino Greco Bruno Galli Conti De Luca Mancini Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso Ferrara Di Stefano Della Valle Lo Presti Ferraris Cattaneo Pellegrino Sanna Messina D'Angelo Bellini Zanetti Pagano".split(),
    "es": "García López Fernández Martín Sánchez Gómez Ruiz Jiménez Moreno Álvarez Romero Navarro Torres Domínguez Vázquez Castillo Iglesias Ortega Rubio Medina Garrido Cortés Santana Herrero Echeverría Aguirre Etxeberria Urrutia Peña Villanueva Quintana Ibáñez".split(),
    "nl": "Visser Jansen de Vries van den Berg Bakker Smit Meijer de Boer Mulder de Graaf Dekker van Dijk Hendriks Brouwer van der Linden Kuipers Vermeulen Verhoeven Postma Hoekstra Bosman Schouten van Beek Koster Wijnands ter Horst Oosterhuis Timmermans van Rijn Huisman van der Meer".split(),
}
# multi-word surnames written with a marker so split() keeps them together
for lang in ("de", "fr", "it", "nl"):
    pass

SURNAMES_MULTI = {
    "de": ["von Hohenstein", "von der Heyde", "von Bülow", "zu Eltz"],
    "fr": ["de la Fontaine", "du Plessis", "de Villeneuve", "Le Goff"],
    "it": ["De Luca", "Di Stefano", "Della Valle", "Lo Presti", "Dal Molin"],
    "es": ["de la Torre", "del Río", "García-Lozano", "Ruiz de Alda", "Sánchez Garrido", "Moreno Castillo", "Iglesias Peña"],
    "nl": ["de Vries", "van den Berg", "de Boer", "de Graaf", "van Dijk", "van der Linden", "van Beek", "ter Horst", "van Rijn", "van der Meer", "op den Kamp"],
    "en": ["Hughes-Whitaker", "Fox-Pitt", "Lloyd-Jones", "Van Buren"],
    "pl": [],
}

# Polish surnames: (m nom, m gen, m ins, f nom, f gen, f ins)
PL_SUR = [
    ("Kowalczyk", "Kowalczyka", "Kowalczykiem", "Kowalczyk", "Kowalczyk", "Kowalczyk"),
    ("Nowak", "Nowaka", "Nowakiem", "Nowak", "Nowak", "Nowak"),
    ("Wiśniewski", "Wiśniewskiego", "Wiśniewskim", "Wiśniewska", "Wiśniewskiej", "Wiśniewską"),
    ("Zieliński", "Zielińskiego", "Zielińskim", "Zielińska", "Zielińskiej", "Zielińską"),
    ("Wróblewski", "Wróblewskiego", "Wróblewskim", "Wróblewska", "Wróblewskiej", "Wróblewską"),
    ("Szymański", "Szymańskiego", "Szymańskim", "Szymańska", "Szymańskiej", "Szymańską"),
    ("Dąbrowski", "Dąbrowskiego", "Dąbrowskim", "Dąbrowska", "Dąbrowskiej", "Dąbrowską"),
    ("Lewandowski", "Lewandowskiego", "Lewandowskim", "Lewandowska", "Lewandowskiej", "Lewandowską"),
    ("Pawlak", "Pawlaka", "Pawlakiem", "Pawlak", "Pawlak", "Pawlak"),
    ("Grabowski", "Grabowskiego", "Grabowskim", "Grabowska", "Grabowskiej", "Grabowską"),
    ("Jaworski", "Jaworskiego", "Jaworskim", "Jaworska", "Jaworskiej", "Jaworską"),
    ("Michalak", "Michalaka", "Michalakiem", "Michalak", "Michalak", "Michalak"),
    ("Sobczak", "Sobczaka", "Sobczakiem", "Sobczak", "Sobczak", "Sobczak"),
    ("Kaczmarek", "Kaczmarka", "Kaczmarkiem", "Kaczmarek", "Kaczmarek", "Kaczmarek"),
    ("Wójcik", "Wójcika", "Wójcikiem", "Wójcik", "Wójcik", "Wójcik"),
    ("Krawczyk", "Krawczyka", "Krawczykiem", "Krawczyk", "Krawczyk", "Krawczyk"),
    ("Gołębiowski", "Gołębiowskiego", "Gołębiowskim", "Gołębiowska", "Gołębiowskiej", "Gołębiowską"),
    ("Mazur", "Mazura", "Mazurem", "Mazur", "Mazur", "Mazur"),
    ("Chmielewski", "Chmielewskiego", "Chmielewskim", "Chmielewska", "Chmielewskiej", "Chmielewską"),
    ("Sikora", "Sikory", "Sikorą", "Sikora", "Sikory", "Sikorą"),
    ("Zając", "Zająca", "Zającem", "Zając", "Zając", "Zając"),
    ("Przybylski", "Przybylskiego", "Przybylskim", "Przybylska", "Przybylskiej", "Przybylską"),
    ("Kołodziej", "Kołodzieja", "Kołodziejem", "Kołodziej", "Kołodziej", "Kołodziej"),
    ("Ostrowski", "Ostrowskiego", "Ostrowskim", "Ostrowska", "Ostrowskiej", "Ostrowską"),
    ("Bąk", "Bąka", "Bąkiem", "Bąk", "Bąk", "Bąk"),
    ("Czarnecki", "Czarneckiego", "Czarneckim", "Czarnecka", "Czarneckiej", "Czarnecką"),
    ("Nowicki-Brzeziński", "Nowickiego-Brzezińskiego", "Nowickim-Brzezińskim", "Nowicka-Brzezińska", "Nowickiej-Brzezińskiej", "Nowicką-Brzezińską"),
    ("Pietrzak", "Pietrzaka", "Pietrzakiem", "Pietrzak", "Pietrzak", "Pietrzak"),
]
# Polish given names in genitive (for "w imieniu pani X")
PL_GIVEN_GEN = {"Agnieszka": "Agnieszki", "Małgorzata": "Małgorzaty", "Katarzyna": "Katarzyny", "Joanna": "Joanny",
                "Magdalena": "Magdaleny", "Zofia": "Zofii", "Aleksandra": "Aleksandry", "Weronika": "Weroniki",
                "Krzysztof": "Krzysztofa", "Grzegorz": "Grzegorza", "Paweł": "Pawła", "Tomasz": "Tomasza",
                "Łukasz": "Łukasza", "Jakub": "Jakuba", "Szymon": "Szymona", "Wojciech": "Wojciecha", "Marek": "Marka"}

FILLERS = {"en": ["uh", "um", "erm", "uh"], "de": ["ähm", "äh", "ähm", "also"], "fr": ["euh", "euh", "ben", "bah"],
           "it": ["ehm", "eh", "ehm", "cioè"], "es": ["eh", "este", "pues", "eh"], "nl": ["eh", "uhm", "eh", "nou"],
           "pl": ["yyy", "eee", "yyy", "no"]}

WEEKDAYS = {"en": "monday tuesday wednesday thursday friday saturday sunday".split(),
            "de": "montag dienstag mittwoch donnerstag freitag samstag sonntag".split(),
            "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche".split(),
            "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica".split(),
            "es": "lunes martes miércoles jueves viernes sábado domingo".split(),
            "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split(),
            "pl": "poniedziałek wtorek środę czwartek piątek sobotę niedzielę".split()}

MONTHS = {"en": "january february march april may june july august september october november december".split(),
          "de": "januar februar märz april mai juni juli august september oktober november dezember".split(),
          "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
          "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre".split(),
          "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
          "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
          "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia".split()}

DIGITS = {"en": "zero one two three four five six seven eight nine".split(),
          "de": "null eins zwei drei vier fünf sechs sieben acht neun".split(),
          "fr": "zéro un deux trois quatre cinq six sept huit neuf".split(),
          "it": "zero uno due tre quattro cinque sei sette otto nove".split(),
          "es": "cero uno dos tres cuatro cinco seis siete ocho nueve".split(),
          "nl": "nul een twee drie vier vijf zes zeven acht negen".split(),
          "pl": "zero jeden dwa trzy cztery pięć sześć siedem osiem dziewięć".split()}

EN_U = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
EN_T = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy", 8: "eighty", 9: "ninety"}
EN_ORD = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth "
          "sixteenth seventeenth eighteenth nineteenth twentieth twenty-first twenty-second twenty-third twenty-fourth "
          "twenty-fifth twenty-sixth twenty-seventh twenty-eighth twenty-ninth thirtieth thirty-first").split()

DE_U = "null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn achtzehn neunzehn".split()
DE_T = {2: "zwanzig", 3: "dreißig", 4: "vierzig", 5: "fünfzig", 6: "sechzig", 7: "siebzig", 8: "achtzig", 9: "neunzig"}

FR_U = "zéro un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize dix-sept dix-huit dix-neuf".split()
FR_T = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}

IT_U = "zero uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici sedici diciassette diciotto diciannove".split()
IT_T = {2: "venti", 3: "trenta", 4: "quaranta", 5: "cinquanta", 6: "sessanta", 7: "settanta", 8: "ottanta", 9: "novanta"}

ES_U = ("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis diecisiete "
        "dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis veintisiete "
        "veintiocho veintinueve").split()
ES_T = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}

NL_U = "nul een twee drie vier vijf zes zeven acht negen tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien".split()
NL_T = {2: "twintig", 3: "dertig", 4: "veertig", 5: "vijftig", 6: "zestig", 7: "zeventig", 8: "tachtig", 9: "negentig"}

PL_ORD_GEN = ("pierwszego drugiego trzeciego czwartego piątego szóstego siódmego ósmego dziewiątego dziesiątego "
              "jedenastego dwunastego trzynastego czternastego piętnastego szesnastego siedemnastego osiemnastego "
              "dziewiętnastego dwudziestego").split()
PL_TENS_GEN = {2: "dwudziestego", 3: "trzydziestego", 4: "czterdziestego", 5: "pięćdziesiątego", 6: "sześćdziesiątego",
               7: "siedemdziesiątego", 8: "osiemdziesiątego", 9: "dziewięćdziesiątego"}
PL_CARD = ("zero jeden dwa trzy cztery pięć sześć siedem osiem dziewięć dziesięć jedenaście dwanaście trzynaście "
           "czternaście piętnaście szesnaście siedemnaście osiemnaście dziewiętnaście").split()
PL_CT = {2: "dwadzieścia", 3: "trzydzieści", 4: "czterdzieści", 5: "pięćdziesiąt", 6: "sześćdziesiąt", 7: "siedemdziesiąt",
         8: "osiemdziesiąt", 9: "dziewięćdziesiąt"}


def num(lang, n):
    """Cardinal 0-99."""
    if lang == "en":
        return EN_U[n] if n < 20 else EN_T[n // 10] + ("" if n % 10 == 0 else "-" + EN_U[n % 10])
    if lang == "de":
        if n < 20:
            return DE_U[n]
        u = n % 10
        return DE_T[n // 10] if u == 0 else ("ein" if u == 1 else DE_U[u]) + "und" + DE_T[n // 10]
    if lang == "fr":
        if n < 20:
            return FR_U[n]
        if n < 70:
            u = n % 10
            return FR_T[n // 10] + ("" if u == 0 else "-et-un" if u == 1 else "-" + FR_U[u])
        if n < 80:
            return "soixante-et-onze" if n == 71 else "soixante-" + FR_U[n - 60]
        if n == 80:
            return "quatre-vingts"
        return "quatre-vingt-" + FR_U[n - 80]
    if lang == "it":
        if n < 20:
            return IT_U[n]
        t, u = IT_T[n // 10], n % 10
        if u == 0:
            return t
        if u in (1, 8):
            t = t[:-1]
        return t + ("tré" if u == 3 else IT_U[u])
    if lang == "es":
        if n < 30:
            return ES_U[n]
        return ES_T[n // 10] + ("" if n % 10 == 0 else " y " + ES_U[n % 10])
    if lang == "nl":
        if n < 20:
            return NL_U[n]
        u = n % 10
        if u == 0:
            return NL_T[n // 10]
        w = NL_U[u]
        return w + ("ën" if w.endswith("e") else "en") + NL_T[n // 10]
    if lang == "pl":
        if n < 20:
            return PL_CARD[n]
        return PL_CT[n // 10] + ("" if n % 10 == 0 else " " + PL_CARD[n % 10])
    raise ValueError(lang)


def spoken_year(lang, y):
    if lang == "en":
        if y >= 2000:
            return "two thousand" + ("" if y == 2000 else " and " + num("en", y - 2000))
        yy = y % 100
        return "nineteen " + (num("en", yy) if yy >= 10 else "oh " + EN_U[yy])
    if lang == "de":
        return ("zweitausend" + ("" if y == 2000 else num("de", y - 2000))) if y >= 2000 else "neunzehnhundert" + ("" if y % 100 == 0 else num("de", y % 100))
    if lang == "fr":
        return ("deux mille" + ("" if y == 2000 else " " + num("fr", y - 2000))) if y >= 2000 else "mille neuf cent " + num("fr", y % 100)
    if lang == "it":
        if y >= 2000:
            return "duemila" + ("" if y == 2000 else num("it", y - 2000))
        w = num("it", y % 100)
        return "millenovecent" + w if w.startswith("o") else "millenovecento" + w
    if lang == "es":
        return ("dos mil" + ("" if y == 2000 else " " + num("es", y - 2000))) if y >= 2000 else "mil novecientos " + num("es", y % 100)
    if lang == "nl":
        return ("tweeduizend" + ("" if y == 2000 else " " + num("nl", y - 2000))) if y >= 2000 else "negentienhonderd" + num("nl", y % 100)
    if lang == "pl":
        if y >= 2000:
            yy = y - 2000
            if yy == 0:
                return "dwutysięcznego"
            if yy <= 20:
                return "dwa tysiące " + PL_ORD_GEN[yy - 1]
            return "dwa tysiące " + PL_TENS_GEN[yy // 10] + ("" if yy % 10 == 0 else " " + PL_ORD_GEN[yy % 10 - 1])
        yy = y % 100
        t, u = yy // 10, yy % 10
        if yy < 20:
            return "tysiąc dziewięćset " + PL_ORD_GEN[yy - 1]
        return "tysiąc dziewięćset " + PL_TENS_GEN[t] + ("" if u == 0 else " " + PL_ORD_GEN[u - 1])
    raise ValueError(lang)


def de_ord(d):
    if d < 20:
        return {1: "ersten", 3: "dritten", 7: "siebten", 8: "achten"}.get(d, DE_U[d] + "ten")
    return num("de", d) + "sten"


def pl_ord_day(d):
    if d <= 20:
        return PL_ORD_GEN[d - 1]
    if d < 30:
        return "dwudziestego " + PL_ORD_GEN[d - 21]
    return "trzydziestego" if d == 30 else "trzydziestego pierwszego"


def spoken_date(lang, y, m, d, r):
    mon = MONTHS[lang][m - 1]
    yr = spoken_year(lang, y)
    if lang == "en":
        return r.choice([f"the {EN_ORD[d-1]} of {mon} {yr}", f"{mon} {EN_ORD[d-1]} {yr}", f"{EN_ORD[d-1]} of {mon} {yr}"])
    if lang == "de":
        return f"{de_ord(d)} {mon} {yr}"
    if lang == "fr":
        return f"{'premier' if d == 1 else num('fr', d)} {mon} {yr}"
    if lang == "it":
        return f"{'primo' if d == 1 else num('it', d)} {mon} {yr}"
    if lang == "es":
        return f"{num('es', d)} de {mon} de {yr}"
    if lang == "nl":
        return f"{num('nl', d)} {mon} {yr}"
    if lang == "pl":
        return f"{pl_ord_day(d)} {mon} {yr}"


def spoken_digits(lang, s, r, sep=" "):
    out = []
    for ch in s:
        if ch.isdigit():
            w = DIGITS[lang][int(ch)]
            if lang == "en" and ch == "0" and r.random() < 0.5:
                w = "oh"
            if lang == "de" and ch == "2" and r.random() < 0.4:
                w = "zwo"
            out.append(w)
        elif ch == "+":
            out.append({"en": "plus", "de": "plus", "fr": "plus", "it": "più", "es": "más", "nl": "plus", "pl": "plus"}[lang])
    return sep.join(out)


def spoken_pairs_fr(s):
    """'0612345678' -> 'zéro six douze trente-quatre ...'"""
    out = []
    for i in range(0, len(s), 2):
        p = s[i:i + 2]
        if p[0] == "0":
            out.append("zéro " + FR_U[int(p[1])])
        else:
            out.append(num("fr", int(p)))
    return " ".join(out)


def spelled(s, sep=" "):
    return sep.join(c for c in s.lower() if c.isalpha())


ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "ê": "e", "ë": "e", "à": "a",
                       "â": "a", "ç": "c", "î": "i", "ï": "i", "ô": "o", "œ": "oe", "ù": "u", "û": "u", "á": "a",
                       "í": "i", "ó": "o", "ú": "u", "ñ": "n", "ą": "a", "ć": "c", "ę": "e", "ł": "l", "ń": "n",
                       "ś": "s", "ź": "z", "ż": "z", "ì": "i", "ò": "o", "ş": "s", "'": "", "ë": "e", "ü": "u"})


def ascii_(s):
    return s.lower().translate(ASCII).replace(" ", "").replace("ş", "s")
