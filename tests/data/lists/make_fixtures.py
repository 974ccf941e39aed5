#!/usr/bin/env python3
"""Writes the hand-written list fixtures in tests/data/lists/ and tests/data/bad/ with the exact
bytes of the official layouts: OFAC legacy CSV in Latin-1 with CRLF (the consolidated set with LF,
as OFAC publishes it), `-0- ` for null, no header, a trailing 0x1A byte; UN XML in UTF-8.

The content below is the source of truth; run `python3 tests/data/lists/make_fixtures.py` from the
crate root after editing it. See tests/data/README.md for what each entry covers.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)
N = "-0- "  # OFAC's null


def q(v):
    """One OFAC CSV field: null stays bare, everything else is quoted with inner quotes doubled."""
    if v is None:
        return N
    if isinstance(v, int):
        return str(v)
    return '"' + v.replace('"', '""') + '"'


def write_csv(path, rows, eol="\r\n"):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = "".join(",".join(q(f) for f in row) + eol for row in rows)
    with open(path, "wb") as f:
        f.write(text.encode("latin-1") + b"\x1a")


def write_text(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode("utf-8"))


def sdn(uid, name, typ, programs, remarks=None, vessel=(None,) * 6, title=None):
    return [uid, name, typ, programs, title, *vessel, remarks]


# --- OFAC SDN -------------------------------------------------------------------------------
SDN = [
    sdn(49970, "SONG, Kum Hyok", "individual", "CYBER4",
        "DOB 30 Aug 1987; nationality Korea, North; Email Address wangge327@yahoo.com; Gender Male."),
    sdn(54764, "KOREA SOBAEKSU TRADING CORPORATION", None, "NPWMD",
        "Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210; "
        "Organization Type: Other information technology and computer service activities; "
        "Linked To: MUNITIONS INDUSTRY DEPARTMENT."),
    sdn(43379, "CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY", None, "DPRK2",
        "Organization Type: Other information technology and computer service activities."),
    sdn(55062, "SHENYANG GEUMPUNGRI NETWORK TECHNOLOGY CO., LTD", None, "DPRK2",
        "Organization Type: Other information technology and computer service activities; "
        "a.k.a. 'GUEMPUNGRI'; Linked To: CHINYONG INFORMATION TECHNOLOGY COOPERATION COMPANY."),
    sdn(57056, "AMNOKGANG TECHNOLOGY DEVELOPMENT COMPANY", None, "DPRK4",
        "Digital Currency Address - ETH 0xcB74874f1e06Fcf80A306e06e5379A44B488bA2D; "
        "alt. Digital Currency Address - ETH 0x0330070FD38Ec3bB94F58FA55D40368271E9e54A; "
        "Organization Established Date 1982; "
        "Digital Currency Address - TRX TNrX2FwrHKoo4XACGkmSzqeK4pdnKYn6Z7."),
    sdn(9001, "MUÑOZ GÓMEZ, José Ángel", "individual", "SDNT",
        "DOB circa 1970; alt. DOB 1960 to 1962; POB Bogotá, Colombia; citizen Colombia; "
        "Cédula No. 12345678 (Colombia); Passport AB123456 (Colombia) issued 01 Jan 2010 expires 01 Jan 2020; "
        "Gender Male."),
    sdn(9002, "OCEAN STAR", "vessel", "IRAN] [SDGT",
        "Vessel Registration Identification IMO 9123456; MMSI 123456789; "
        "Linked To: NATIONAL IRANIAN TANKER COMPANY.",
        vessel=("9HXY7", "Crude Oil Tanker", "150,000", "300,000", "Panama", "NATIONAL IRANIAN TANKER COMPANY")),
    sdn(9003, "EP-ABC", "aircraft", "IRAN",
        "Aircraft Manufacturer's Serial Number (MSN) 1234; Aircraft Tail Number EP-ABC; Aircraft Operator MAHAN AIR."),
    # The remarks stop mid-word at OFAC's 1,000-character limit; sdn_comments.csv continues them.
    sdn(9004, "GOLDEN DRAGON TRADING LLC", None, "SDGT",
        "Website www.golden-dragon.example; a.k.a. 'GOLDEN DRA"),
    sdn(9005, "NEW HORIZON SHIPPING CO.", None, "IRAN",
        "a.k.a. 'NH; SHIPPING'; a.k.a. 'HORIZON MARITIME LTD'; f.k.a. 'OLD HORIZON'."),
    sdn(9006, "PETROVA, Anna", "individual", "RUSSIA-EO14024",
        "DOB Mar 1975; nationality Russia; alt. nationality Ukraine; Gender Female; "
        "National ID No. 1234567890 (Russia); Phone Number +7 495 555 0100."),
    sdn(9007, "CASA DE CUBA", None, "CUBA", None),
]
ALT = [
    [54764, 101, "aka", "KOREA SOBAEKSU UNITED CORPORATION", None],
    [54764, 102, "aka", "SOBAEKSU UNITED CORP.", None],
    [43379, 103, "aka", "JINYONG IT COOPERATION COMPANY", None],
    [9001, 104, "aka", "MUÑOZ, Pepe", None],
    [9004, 105, "aka", 'LLC "GOLDEN DRAGON"', None],
    [9005, 106, "fka", "OLD HORIZON SHIPPING CO.", None],
    [9005, 107, "nka", "HORIZON MARITIME LTD", None],
    [9005, 108, "aka", "New Horizon  Shipping Co.", None],
    [99999, 109, "aka", "ORPHAN ALIAS", None],  # uid not in sdn.csv: counted and skipped
]
ADD = [
    [49970, 201, None, "Shenyang", "China", None],
    [54764, 202, None, "Pyongyang", "Korea, North", None],
    [54764, 203, None, "Dandong", "China", None],
    [9001, 204, "Calle 10 # 5-51", "Bogotá", "Colombia", None],
    [9004, 205, "Office 12\r\nBuilding 5, Sheikh Zayed Road", "Dubai", "United Arab Emirates", None],
    [9006, 206, None, "Sevastopol", "Region: Crimea", None],
    [9006, 207, None, "Moscow", "Russia", None],
    [9007, 208, None, "Havana", "Cuba", None],
    [9007, 209, None, None, "Atlantis", None],
    [99998, 210, None, "Nowhere", "Cuba", None],  # orphan
]
COMMENTS = [
    [9004, "GON'; Phone Number +971 4 555 0100; Tax ID No. 100200300 (United Arab Emirates)."],
    [99997, "orphan continuation"],  # orphan
]

# --- OFAC consolidated (non-SDN) -------------------------------------------------------------
CONS = [
    sdn(9639, "HANIYA, Ismail Abdul Salah", "individual", "NS-PLC", "DOB 1962; POB Shati."),
    sdn(30001, "AERO TRADE FZE", None, "SSI] [NS-MBS",
        "Website www.aerotrade.example; Email Address info@aerotrade.example; "
        "Registration Number 12345 (United Arab Emirates)."),
    sdn(30002, "ÉCLAIR HOLDINGS S.A.", None, "CAPTA", "a.k.a. 'ECLAIR'."),
]
CONS_ADD = [
    [9639, 301, None, "Gaza", "Palestinian", None],
    [30001, 302, None, "Dubai", "United Arab Emirates", None],
]
CONS_ALT = [
    [30002, 401, "aka", "ECLAIR HOLDINGS", None],
]

UN = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="https://www.un.org/sc/resources/sc-sanctions.xsd" dateGenerated="2026-02-27T00:00:09.554Z">
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>6908643</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>KIM</FIRST_NAME>
      <SECOND_NAME>JONG SIK</SECOND_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <REFERENCE_NUMBER>KPi.066</REFERENCE_NUMBER>
      <LISTED_ON>2017-12-22</LISTED_ON>
      <COMMENTS1>Gender: male</COMMENTS1>
      <NATIONALITY>
        <VALUE>Democratic People's Republic of Korea</VALUE>
      </NATIONALITY>
      <LIST_TYPE>
        <VALUE>UN List</VALUE>
      </LIST_TYPE>
      <LAST_DAY_UPDATED>
        <VALUE />
      </LAST_DAY_UPDATED>
      <INDIVIDUAL_ALIAS>
        <QUALITY>Good</QUALITY>
        <ALIAS_NAME>Kim Cho’ng-sik</ALIAS_NAME>
      </INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ADDRESS>
        <COUNTRY>Democratic People's Republic of Korea</COUNTRY>
      </INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_DATE_OF_BIRTH>
        <TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE>
        <FROM_YEAR>1967</FROM_YEAR>
        <TO_YEAR>1969</TO_YEAR>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_PLACE_OF_BIRTH>
        <COUNTRY />
      </INDIVIDUAL_PLACE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT />
      <SORT_KEY />
      <SORT_KEY_LAST_MOD />
    </INDIVIDUAL>
    <INDIVIDUAL>
      <DATAID>2550001</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>SADDAM</FIRST_NAME>
      <SECOND_NAME>HUSSEIN</SECOND_NAME>
      <THIRD_NAME>AL-</THIRD_NAME>
      <FOURTH_NAME>TIKRITI</FOURTH_NAME>
      <UN_LIST_TYPE>Iraq</UN_LIST_TYPE>
      <REFERENCE_NUMBER>IQi.001</REFERENCE_NUMBER>
      <LISTED_ON>2003-06-27</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>صدام حسين التكريتي</NAME_ORIGINAL_SCRIPT>
      <GENDER>Male</GENDER>
      <NATIONALITY>
        <VALUE>Iraq</VALUE>
      </NATIONALITY>
      <INDIVIDUAL_ALIAS>
        <QUALITY>Low</QUALITY>
        <ALIAS_NAME>Abu Ali</ALIAS_NAME>
      </INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS>
        <QUALITY>Good</QUALITY>
        <ALIAS_NAME>Saddam Hussein AL-  TIKRITI</ALIAS_NAME>
        <DATE_OF_BIRTH>1937-04-28</DATE_OF_BIRTH>
      </INDIVIDUAL_ALIAS>
      <INDIVIDUAL_DATE_OF_BIRTH>
        <TYPE_OF_DATE>EXACT</TYPE_OF_DATE>
        <DATE>1937-04-28</DATE>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_PLACE_OF_BIRTH>
        <CITY>al-Awja</CITY>
        <STATE_PROVINCE>near Tikrit</STATE_PROVINCE>
        <COUNTRY>Iraq</COUNTRY>
      </INDIVIDUAL_PLACE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT>
        <TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT>
        <NUMBER>12345</NUMBER>
        <ISSUING_COUNTRY>Iraq</ISSUING_COUNTRY>
      </INDIVIDUAL_DOCUMENT>
      <SORT_KEY />
      <SORT_KEY_LAST_MOD />
    </INDIVIDUAL>
    <INDIVIDUAL>
      <DATAID>9990001</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>ANNA</FIRST_NAME>
      <SECOND_NAME>TEST &amp; SAMPLE</SECOND_NAME>
      <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
      <REFERENCE_NUMBER>QDi.999</REFERENCE_NUMBER>
      <LISTED_ON>2020-01-01</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>Анна Тест</NAME_ORIGINAL_SCRIPT>
      <GENDER>Female</GENDER>
      <NATIONALITY>
        <VALUE>Iran (Islamic Republic of)</VALUE>
        <VALUE>na</VALUE>
        <VALUE>former Soviet Union</VALUE>
      </NATIONALITY>
      <INDIVIDUAL_ALIAS>
        <QUALITY/>
        <ALIAS_NAME/>
      </INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ADDRESS>
        <CITY>Tehran</CITY>
        <COUNTRY>Iran (Islamic Republic of)</COUNTRY>
      </INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_DATE_OF_BIRTH>
        <TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE>
        <YEAR>1970</YEAR>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH>
        <TYPE_OF_DATE>EXACT</TYPE_OF_DATE>
        <YEAR>1972</YEAR>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH>
        <TYPE_OF_DATE>EXACT</TYPE_OF_DATE>
        <NOTE>Nov. 1973 </NOTE>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT>
        <TYPE_OF_DOCUMENT>National Identification
                                                  Number</TYPE_OF_DOCUMENT>
        <TYPE_OF_DOCUMENT2>Afghan national identification card (tazkira) number</TYPE_OF_DOCUMENT2>
        <NUMBER>57388</NUMBER>
        <ISSUING_COUNTRY>Afghanistan</ISSUING_COUNTRY>
      </INDIVIDUAL_DOCUMENT>
      <SORT_KEY />
      <SORT_KEY_LAST_MOD />
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <DATAID>110407</DATAID>
      <VERSIONNUM>1</VERSIONNUM>
      <FIRST_NAME>KOREA MINING DEVELOPMENT TRADING CORPORATION</FIRST_NAME>
      <UN_LIST_TYPE>DPRK</UN_LIST_TYPE>
      <REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER>
      <LISTED_ON>2009-04-24</LISTED_ON>
      <LIST_TYPE>
        <VALUE>UN List</VALUE>
      </LIST_TYPE>
      <ENTITY_ALIAS>
        <QUALITY>a.k.a.</QUALITY>
        <ALIAS_NAME>KOMID</ALIAS_NAME>
      </ENTITY_ALIAS>
      <ENTITY_ALIAS>
        <QUALITY>f.k.a.</QUALITY>
        <ALIAS_NAME>CHANGGWANG SINYONG CORPORATION</ALIAS_NAME>
      </ENTITY_ALIAS>
      <ENTITY_ALIAS>
        <QUALITY/>
        <ALIAS_NAME/>
      </ENTITY_ALIAS>
      <ENTITY_ADDRESS>
        <CITY>Pyongyang</CITY>
        <COUNTRY>Democratic People's Republic of Korea</COUNTRY>
      </ENTITY_ADDRESS>
      <ENTITY_ADDRESS>
        <COUNTRY>Iran (Islamic Republic of)</COUNTRY>
      </ENTITY_ADDRESS>
      <SORT_KEY />
      <SORT_KEY_LAST_MOD />
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
"""


def ofac_set(root, sdn_rows, alt=(), add=(), comments=()):
    write_csv(os.path.join(root, "ofac-sdn", "sdn.csv"), sdn_rows)
    write_csv(os.path.join(root, "ofac-sdn", "alt.csv"), alt)
    write_csv(os.path.join(root, "ofac-sdn", "add.csv"), add)
    write_csv(os.path.join(root, "ofac-sdn", "sdn_comments.csv"), comments)


def write_raw(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    ofac_set(HERE, SDN, ALT, ADD, COMMENTS)
    write_csv(os.path.join(HERE, "ofac-cons", "cons_prim.csv"), CONS, eol="\n")
    write_csv(os.path.join(HERE, "ofac-cons", "cons_add.csv"), CONS_ADD, eol="\n")
    write_csv(os.path.join(HERE, "ofac-cons", "cons_alt.csv"), CONS_ALT, eol="\n")
    write_text(os.path.join(HERE, "un", "consolidated.xml"), UN)

    bad = os.path.join(DATA, "bad")
    good = SDN[:2]
    # A quoted field that is never closed (row 2 of sdn.csv).
    ofac_set(os.path.join(bad, "unclosed-quote"), [])
    write_raw(os.path.join(bad, "unclosed-quote", "ofac-sdn", "sdn.csv"),
              b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
              b'173,"ANGLO-CARIBBEAN CO., LTD.,-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
              b'306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\x1a')
    # A row with 11 columns (line 3).
    ofac_set(os.path.join(bad, "columns"), good + [[306, "BANCO NACIONAL DE CUBA", None, "CUBA", None, None, None, None, None, None, None]])
    # A header row: the uid is not a number (line 1).
    ofac_set(os.path.join(bad, "uid"), [["ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign",
                                          "Vess_type", "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks"]] + good)
    # An alias type that is not aka/fka/nka (alt.csv line 1).
    ofac_set(os.path.join(bad, "alias-type"), good, alt=[[49970, 1, "xyz", "SOMEONE", None]])
    # An unknown entry type (line 2).
    ofac_set(os.path.join(bad, "entry-type"), [SDN[0], sdn(5, "X", "spaceship", "CUBA")])
    # ofac-sdn/ without alt.csv, add.csv, sdn_comments.csv.
    write_csv(os.path.join(bad, "missing-files", "ofac-sdn", "sdn.csv"), good)
    # The UN XML cut off in the middle of a record.
    cut = UN.index("<INDIVIDUAL_DATE_OF_BIRTH>")
    write_text(os.path.join(bad, "truncated-xml", "un", "consolidated.xml"), UN[:cut])
    # Mismatched tags (line 7: </FIRST> closes <FIRST_NAME>).
    write_text(os.path.join(bad, "invalid-xml", "un", "consolidated.xml"), UN.replace("<FIRST_NAME>KIM</FIRST_NAME>", "<FIRST_NAME>KIM</FIRST>"))
    # Not the UN list at all.
    write_text(os.path.join(bad, "wrong-root", "un", "consolidated.xml"), '<?xml version="1.0"?>\n<html><body>Not Found</body></html>\n')
    # A record without REFERENCE_NUMBER (record starts on line 4).
    write_text(os.path.join(bad, "no-reference", "un", "consolidated.xml"), UN.replace("<REFERENCE_NUMBER>KPi.066</REFERENCE_NUMBER>", ""))


if __name__ == "__main__":
    main()
