package extract

// Invented articles (fictional people, our own wording) covering the
// phenomena the extractor must handle.

type fixture struct {
	name, published, text string
	want                  []wantMeeting
	roles                 map[string]string // surname -> the exact role expected, where it matters
}

type wantMeeting struct {
	kind, status, date, place string
	who                       map[string]string // surname -> country ("" = any, "!XX" = not XX)
}

var fixtures = []fixture{
	{
		name: "demonym counterpart weekday place", published: "2024-05-16",
		text: "MUSCAT – Omani Foreign Minister Khalid bin Saeed Nahari met with his Qatari counterpart Jassim Torani in Doha on Tuesday. The two ministers reviewed shipping in the Gulf.",
		want: []wantMeeting{{"meeting", "occurred", "2024-05-14", "Doha", map[string]string{"Nahari": "OM", "Torani": "QA"}}},
	},
	{
		name: "call yesterday", published: "2024-03-02",
		text: "Turkish Foreign Minister Kemal Ardahan spoke by phone with Russian Foreign Minister Pavel Orlovsky yesterday, the ministry said.",
		want: []wantMeeting{{"call", "occurred", "2024-03-01", "", map[string]string{"Ardahan": "TR", "Orlovsky": "RU"}}},
	},
	{
		name: "over the phone and later phone conversation", published: "2023-06-07",
		text: "In early June, Iraqi Foreign Minister Hadi Samarrai spoke with\nhis Jordanian counterpart Walid Qudah over the phone\nThey talked about water sharing.",
		want: []wantMeeting{{"call", "occurred", "2023-06", "", map[string]string{"Samarrai": "IQ", "Qudah": "JO"}}},
	},
	{
		name: "call with the date between verb and partner", published: "2025-09-12",
		text: "Estonian Foreign Minister Kadri Tamm held a phone call on Wednesday with her Latvian counterpart Janis Ozolins. Separately, Tamm spoke by telephone late on Thursday with Lithuanian Defence Minister Rokas Petrauskas.",
		want: []wantMeeting{
			{"call", "occurred", "2025-09-10", "", map[string]string{"Tamm": "EE", "Ozolins": "LV"}},
			{"call", "occurred", "2025-09-11", "", map[string]string{"Tamm": "EE", "Petrauskas": "LT"}},
		},
	},
	{
		name: "consultations and a chancellor", published: "2025-02-03",
		text: "In mid-January, Austrian Chancellor Lukas Brandner held consultations with Slovenian Prime Minister Matej Kovac in Vienna. Separately, Brandner and his Croatian counterpart Ivan Horvat held talks in Zagreb on Friday.",
		want: []wantMeeting{
			{"meeting", "occurred", "2025-01", "Vienna", map[string]string{"Brandner": "AT", "Kovac": "SI"}},
			{"meeting", "occurred", "2025-01-31", "Zagreb", map[string]string{"Brandner": "AT", "Horvat": "HR"}},
		},
	},
	{
		name: "titles set off by commas", published: "2025-03-12",
		text: "Ankara's envoy to Rome, Deniz Aksoy, was received by Italian Foreign Minister Paolo Ferri on Monday. Later, Ferri met the Maltese ambassador, Joseph Camilleri, at the ministry. Ferri later wrote to the Turkish president.",
		want: []wantMeeting{
			{"meeting", "occurred", "2025-03-10", "", map[string]string{"Aksoy": "TR", "Ferri": "IT"}},
			{"meeting", "occurred", "", "", map[string]string{"Ferri": "IT", "Camilleri": "MT"}},
		},
	},
	{
		name: "during a meeting, with a date before the subject", published: "2025-04-10",
		text: "During her meeting with Finnish Foreign Minister Aino Virtanen on 8 April 2025, Danish Prime Minister Mette Holm stressed Arctic security.",
		want: []wantMeeting{{"meeting", "occurred", "2025-04-08", "", map[string]string{"Virtanen": "FI", "Holm": "DK"}}},
	},
	{
		name: "places: a building then its city, a summit city", published: "2025-06-20",
		text: "Kenyan President Daniel Mwangi hosted his Ugandan counterpart Moses Okello at State House, Nairobi, on Wednesday. The two leaders had met at the G20 summit in Osaka in May.",
		want: []wantMeeting{{"meeting", "occurred", "2025-06-18", "Nairobi", map[string]string{"Mwangi": "KE", "Okello": "UG"}}},
	},
	{
		name: "a courtesy call is a meeting; a month abbreviation is not a name", published: "2025-03-12",
		text: "Pakistani Army Chief General Tariq Malik called on Chinese Defence Minister Li Jun in Beijing on Monday. Czech Foreign Minister Jan Dvorak called his Slovak counterpart Peter Kral on Tuesday.",
		want: []wantMeeting{
			{"meeting", "occurred", "2025-03-10", "Beijing", map[string]string{"Malik": "PK", "Jun": "CN"}},
			{"call", "occurred", "2025-03-11", "", map[string]string{"Dvorak": "CZ", "Kral": "SK"}},
		},
	},
	{
		name: "not meetings", published: "2024-01-10",
		text: "Lebanese Prime Minister Nabil Haddad conveyed the greetings of President Karim Fares to the Iraqi people. The foreign ministers of Iran and Turkey discussed the crisis. Haddad honored the memory of Imam Musa Sadr and quoted Nizar Qabbani at a news conference.",
	},
	{
		name: "planned", published: "2024-01-10",
		text: "Iraqi President Salim Jaber will meet Kuwaiti Emir Nasser Sabah Ahmad in Kuwait City next week. Jaber is expected to hold talks with Crown Prince Mishal Fahad Jaber as well.",
		want: []wantMeeting{{"meeting", "planned", "", "Kuwait City", map[string]string{"Jaber": "IQ", "Ahmad": "KW"}}},
	},
	{
		name: "ambassador to a host country", published: "2024-02-20",
		text: "Ambassador to Lebanon Reza Sadeghi met Lebanese Speaker Amin Kassem in Beirut on Monday. Iran and Lebanon vowed closer ties.",
		want: []wantMeeting{{"meeting", "occurred", "2024-02-19", "Beirut", map[string]string{"Sadeghi": "IR", "Kassem": "LB"}}},
	},
	{
		name: "capital metonym", published: "",
		text: "Moscow's envoy Igor Vassiliev held talks with Syrian Prime Minister Adel Nouri in Damascus on Sunday.",
		want: []wantMeeting{{"meeting", "occurred", "", "Damascus", map[string]string{"Vassiliev": "RU", "Nouri": "SY"}}},
	},
	{
		name: "apposition roles and possessive country", published: "2022-09-01",
		text: "Ali Reza Tavana, Secretary of Iran's Supreme Defense Council, received Omar Khatib, the Jordanian Minister of Interior, in Tehran.",
		want: []wantMeeting{{"meeting", "occurred", "", "Tehran", map[string]string{"Tavana": "IR", "Khatib": "JO"}}},
	},
	{
		name: "month of previous year, traveled to where he met", published: "2024-02-10",
		text: "In December, Turkish Foreign Minister Yusuf Demir traveled to Tehran where he met with Iranian President Hamid Rostami. Demir and Rostami discussed trade.",
		want: []wantMeeting{{"meeting", "occurred", "2023-12", "Tehran", map[string]string{"Demir": "TR", "Rostami": "IR"}}},
	},
	{
		name: "no publication date", published: "",
		text: "Saudi Foreign Minister Fahd Otaibi received Yemeni Foreign Minister Nasr Hamdani on Wednesday.",
		want: []wantMeeting{{"meeting", "occurred", "", "", map[string]string{"Otaibi": "SA", "Hamdani": "YE"}}},
	},
	{
		name: "html, run-together sentences, footer", published: "2024-07-03",
		text: "<p>Relations are growing.The Emirati Minister of State Saeed Mansouri met with<br>\nBahraini Foreign Minister Fahad Zayani in Manama on Monday.</p>\nAll Content by Example News Agency is licensed under a Creative Commons License.",
		want: []wantMeeting{{"meeting", "occurred", "2024-07-01", "Manama", map[string]string{"Mansouri": "AE", "Zayani": "BH"}}},
	},
	{
		name: "met X and Y, follow-up sentences, later call", published: "2024-04-10",
		text: "Kazakh President Daniyar Serikov met Iranian Foreign Minister Nader Kashani and Mahmoud Zand, the deputy foreign minister for economic affairs, in Astana on Tuesday. During the meeting, Serikov and Kashani discussed transit routes. Zand and Serikov also discussed grain. The visit came after a phone conversation between Kashani and his Kazakh counterpart Erlan Temirov on Sunday.",
		want: []wantMeeting{
			{"meeting", "occurred", "2024-04-09", "Astana", map[string]string{"Serikov": "KZ", "Kashani": "IR", "Zand": "IR"}},
			{"call", "occurred", "2024-04-07", "", map[string]string{"Kashani": "IR", "Temirov": "KZ"}},
		},
	},
	{
		name: "head of state without demonym, In Beirut", published: "2021-11-03",
		text: "In Beirut, President Karim Fares received Iranian Deputy Foreign Minister Saeed Ghalibaf. Fares said Lebanon values the support of Iran.",
		want: []wantMeeting{{"meeting", "occurred", "", "Beirut", map[string]string{"Fares": "LB", "Ghalibaf": "IR"}}},
	},
	{
		name: "spelling variants and honorifics", published: "2023-10-12",
		text: "Syrian Foreign Minister Dr. Faisal al-Maqdoud received Major General Hassan Shirazi-Nejad, the Iranian defense attaché, two days ago. Miqdoud praised Shirazinejad for his work.",
		want: []wantMeeting{{"meeting", "occurred", "2023-10-10", "", map[string]string{"Maqdoud": "SY", "Shirazi-Nejad": "IR"}}},
	},
}
