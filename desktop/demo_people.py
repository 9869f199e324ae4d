"""Synthetic names and places for demo workspaces. Every person here is invented."""

FEMALE = ["Amina", "Wanjiru", "Achieng", "Zawadi", "Neema", "Halima", "Fatuma", "Akinyi", "Nafula", "Mwanaisha", "Rehema", "Imani", "Auma", "Chebet", "Wairimu", "Njeri", "Nasra", "Hodan", "Faduma", "Maryam", "Aisha", "Khadija", "Salma", "Layla", "Nour", "Rania", "Huda", "Samira", "Grace", "Esther", "Mercy", "Joyce", "Agnes", "Beatrice", "Nyokabi", "Atieno", "Jeruto", "Saida", "Mwajuma"]
MALE = ["Juma", "Baraka", "Otieno", "Kamau", "Mwangi", "Omondi", "Hassan", "Abdi", "Mohamed", "Ahmed", "Yusuf", "Ibrahim", "Omar", "Ali", "Khalid", "Tariq", "Karim", "Samir", "Bilal", "Musa", "Daudi", "Petro", "Yohana", "Kiprono", "Kipchoge", "Wekesa", "Wafula", "Njoroge", "Mutua", "Kariuki", "Ochieng", "Odhiambo", "Salim", "Rashid", "Farah", "Abdullahi", "Emmanuel", "Joseph", "Peter"]
FAMILY = ["Wanjiku", "Otieno", "Kamau", "Mwangi", "Omondi", "Hassan", "Abdi", "Mohamed", "Ahmed", "Mutua", "Kariuki", "Ochieng", "Njoroge", "Wekesa", "Wafula", "Kiprono", "Chebet", "Nyambura", "Juma", "Mussa", "Salim", "Rashid", "Farah", "Warsame", "Osman", "Haji", "Al-Amin", "Al-Hashimi", "Haddad", "Nasser", "Khalil", "Mansour", "Okello", "Mugisha", "Nkurunziza", "Habimana", "Mbeki", "Ndayisaba", "Tumusiime", "Byaruhanga", "Lukwago", "Ssempala", "Mfinanga", "Mushi", "Lyimo", "Massawe", "Swai"]
VILLAGES = ["Laini Saba", "Soweto East", "Gatwekera", "Kianda", "Makina", "Mashimoni", "Silanga", "Lindi", "Kisumu Ndogo", "Raila", "Olympic", "Karanja", "Siranga", "Mugumoini", "Kambi Muru", "Salama", "Amani", "Tumaini", "Baraka"]
DESCRIPTIONS = (
    "Dispute over the boundary between two plots after the fence was moved.",
    "Family disagreement about the sharing of inherited land.",
    "Unpaid debt for goods bought on credit at the shop.",
    "Goats damaged crops on the neighbouring farm.",
    "Noise and rubbish from the neighbouring compound.",
    "Maintenance for the children after separation.",
    "Rent arrears and a threatened eviction.",
    "Wages not paid for three weeks of casual work.",
)
