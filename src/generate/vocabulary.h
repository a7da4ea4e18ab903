// Word lists the sample company is built from. Some entries carry commas,
// apostrophes and non-ASCII letters on purpose: the export must exercise CSV
// quoting and UTF-8 the way real CRM data does.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace rearview::generate {

inline constexpr std::string_view kCompanyName = "Northwind Software";
inline constexpr std::string_view kCompanyDomain = "northwind-software.com";
inline constexpr std::string_view kProductName = "Northwind Platform";

inline constexpr std::string_view kFirstNames[] = {
    "James",   "Mary",      "Robert",  "Patricia",  "John",    "Jennifer", "Michael", "Linda",
    "David",   "Elizabeth", "William", "Barbara",   "Richard", "Susan",    "Joseph",  "Jessica",
    "Thomas",  "Sarah",     "Charles", "Karen",     "Daniel",  "Nancy",    "Matthew", "Emily",
    "Anthony", "Margaret",  "Mark",    "Sandra",    "Priya",   "Raj",      "Wei",     "Mei",
    "Hiroshi", "Yuki",      "Aisha",   "Omar",      "Fatima",  "Carlos",   "Sofía",   "José",
    "Lucía",   "Mateo",     "Chloé",   "François",  "Zoë",     "Jürgen",   "Björn",   "Søren",
    "Ingrid",  "Lars",      "Anja",    "Katarzyna", "Piotr",   "Olga",     "Dmitri",  "Amara",
    "Kwame",   "Nia",       "Liam",    "Emma",      "Noah",    "Olivia",   "Ethan",   "Ava",
    "Lucas",   "Mia",       "Ben",     "Hannah",    "Grace",   "Isabel",   "Marcus",  "Elena",
    "Tomás",   "Niamh",     "Siobhan", "Ravi",      "Ananya",  "Arjun",    "Deepa",   "Kenji",
    "Min-jun", "Ji-woo",    "Thanh",   "Linh",      "Andrés",  "Camila",   "Hélène",  "Renée",
    "Kevin",   "Laura",     "Brian",   "Rachel",    "Steven",  "Megan",    "Jason",   "Natalie",
};

inline constexpr std::string_view kLastNames[] = {
    "Smith",    "Johnson",   "Williams",   "Brown",      "Jones",     "Garcia",    "Miller",
    "Davis",    "Rodriguez", "Martinez",   "Hernandez",  "Lopez",     "Gonzalez",  "Wilson",
    "Anderson", "Thomas",    "Taylor",     "Moore",      "Jackson",   "Martin",    "Lee",
    "Perez",    "Thompson",  "White",      "Harris",     "Sanchez",   "Clark",     "Ramirez",
    "Lewis",    "Robinson",  "Walker",     "Young",      "Allen",     "King",      "Wright",
    "Scott",    "Torres",    "Nguyen",     "Hill",       "Flores",    "Green",     "Adams",
    "Nelson",   "Baker",     "Hall",       "Rivera",     "Campbell",  "Mitchell",  "Carter",
    "Roberts",  "Müller",    "Schmidt",    "Schneider",  "Fischer",   "Weber",     "Meyer",
    "Wagner",   "Becker",    "Hoffmann",   "Schäfer",    "Dubois",    "Lefèvre",   "Moreau",
    "Laurent",  "Girard",    "Rossi",      "Russo",      "Ferrari",   "Esposito",  "Bianchi",
    "Kowalski", "Nowak",     "Wiśniewski", "Novák",      "Svensson",  "Johansson", "Andersson",
    "Nielsen",  "Jensen",    "Hansen",     "Østergaard", "Patel",     "Sharma",    "Gupta",
    "Singh",    "Kumar",     "Reddy",      "Iyer",       "Chen",      "Wang",      "Li",
    "Zhang",    "Liu",       "Tanaka",     "Suzuki",     "Sato",      "Kim",       "Park",
    "Choi",     "O'Brien",   "O'Connor",   "Murphy",     "Kelly",     "Byrne",     "McCarthy",
    "Silva",    "Santos",    "Oliveira",   "Costa",      "Peña",      "Núñez",     "Okafor",
    "Mensah",   "Abebe",     "Fitzgerald", "Brennan",    "Lindqvist", "Dahl",      "Haas",
};

// Company names: a stem (a compound such as "Northfield", or a single word)
// followed by a word that also sets the industry.
inline constexpr std::string_view kStemStarts[] = {
    "North", "Blue",   "Silver",  "Iron",   "Stone",    "Red",    "Green",  "Gold",   "Oak",
    "Pine",  "Bright", "Clear",   "Eagle",  "Fox",      "Lake",   "River",  "Sun",    "Star",
    "Cedar", "Maple",  "High",    "West",   "East",     "South",  "Deep",   "Swift",  "True",
    "Bold",  "Wild",   "Crystal", "Copper", "Granite",  "Harbor", "Summit", "Falcon", "Hawk",
    "Wolf",  "Birch",  "Elm",     "Willow", "Frost",    "Storm",  "Cloud",  "Ember",  "Amber",
    "Ivory", "Jade",   "Ruby",    "Coral",  "Sterling",
};
inline constexpr std::string_view kStemEnds[] = {
    "field", "brook", "ridge", "gate",  "point", "view",   "stone", "wood", "haven", "bridge",
    "crest", "line",  "peak",  "wave",  "port",  "ford",   "mark",  "dale", "shore", "well",
    "light", "vale",  "mont",  "rock",  "wind",  "spring", "water", "land", "moor",  "hill",
    "side",  "bay",   "glen",  "grove", "hurst", "stead",  "wick",  "ton",  "more",  "worth",
    "fall",  "leaf",  "lake",  "forge", "works", "bank",   "run",   "path", "way",   "crown",
};
inline constexpr std::string_view kStemWords[] = {
    "Acme",    "Meridian",  "Orion",       "Pinnacle",  "Vanguard", "Zenith",   "Aurora",
    "Beacon",  "Cascade",   "Citadel",     "Delta",     "Everest",  "Frontier", "Juniper",
    "Kestrel", "Liberty",   "Magnolia",    "Nimbus",    "Paragon",  "Prairie",  "Radiant",
    "Sequoia", "Sierra",    "Skyline",     "Keystone",  "Horizon",  "Crescent", "Cobalt",
    "Quantum", "Sapphire",  "Tidewater",   "Evergreen", "Lumière",  "Müller",   "Østergaard",
    "Björk",   "Café Azul", "Brightwater", "Halcyon",   "Altair",   "Vega",     "Polaris",
    "Atlas",   "Titan",     "Apex",        "Vertex",    "Nova",     "Solstice", "Equinox",
    "Monarch", "Sentinel",  "Voyager",     "Pioneer",   "Heritage", "Landmark", "Mosaic",
};

struct IndustryWord {
  std::string_view word;
  std::string_view industry;  // Salesforce's Industry picklist
};
inline constexpr IndustryWord kIndustryWords[] = {
    {"Robotics", "Machinery"},
    {"Logistics", "Transportation"},
    {"Health", "Healthcare"},
    {"Medical", "Healthcare"},
    {"Bank", "Banking"},
    {"Foods", "Food & Beverage"},
    {"Energy", "Energy"},
    {"Telecom", "Telecommunications"},
    {"Insurance", "Insurance"},
    {"Labs", "Biotechnology"},
    {"Media", "Media"},
    {"Outfitters", "Retail"},
    {"Systems", "Technology"},
    {"Analytics", "Technology"},
    {"Construction", "Construction"},
    {"Consulting", "Consulting"},
    {"Capital", "Finance"},
    {"Pharma", "Biotechnology"},
    {"Hotels", "Hospitality"},
    {"Motors", "Manufacturing"},
    {"Networks", "Communications"},
    {"Software", "Technology"},
    {"Chemicals", "Chemicals"},
    {"Power", "Utilities"},
    {"Shipping", "Shipping"},
    {"Learning", "Education"},
    {"Manufacturing", "Manufacturing"},
    {"Engineering", "Engineering"},
    {"Electronics", "Electronics"},
    {"Apparel", "Apparel"},
    {"Partners", "Consulting"},
    {"Financial", "Finance"},
    {"Markets", "Retail"},
    {"Biosciences", "Biotechnology"},
    {"Aerospace", "Engineering"},
    {"Data", "Technology"},
};

struct Country {
  std::string_view name;
  std::string_view top_level_domain;
  std::span<const std::string_view> legal_forms;  // "" means none
  std::span<const std::string_view> cities;
  std::string_view phone_format;  // {} takes four digits
};

inline constexpr std::string_view kUsForms[] = {"",     "",      " Inc.", ", Inc.",
                                                " LLC", ", LLC", " Corp."};
inline constexpr std::string_view kUkForms[] = {"", " Ltd", " Ltd", " plc"};
inline constexpr std::string_view kGermanForms[] = {" GmbH", " GmbH", " AG", ""};
inline constexpr std::string_view kFrenchForms[] = {" SAS", " SA", ""};
inline constexpr std::string_view kDutchForms[] = {" B.V.", ""};
inline constexpr std::string_view kSwedishForms[] = {" AB", ""};
inline constexpr std::string_view kCanadianForms[] = {"", " Inc.", " Ltd."};
inline constexpr std::string_view kAustralianForms[] = {" Pty Ltd", ""};

inline constexpr std::string_view kUsCities[] = {"New York", "Chicago", "Austin", "Denver",
                                                 "Seattle",  "Atlanta", "Boston", "San Diego"};
inline constexpr std::string_view kUkCities[] = {"London", "Manchester", "Leeds", "Bristol"};
inline constexpr std::string_view kGermanCities[] = {"München", "Berlin", "Köln", "Düsseldorf"};
inline constexpr std::string_view kFrenchCities[] = {"Paris", "Lyon", "Toulouse", "Nantes"};
inline constexpr std::string_view kDutchCities[] = {"Amsterdam", "Rotterdam", "Utrecht"};
inline constexpr std::string_view kSwedishCities[] = {"Stockholm", "Göteborg", "Malmö"};
inline constexpr std::string_view kCanadianCities[] = {"Toronto", "Montréal", "Vancouver"};
inline constexpr std::string_view kAustralianCities[] = {"Sydney", "Melbourne", "Brisbane"};

inline constexpr Country kCountries[] = {
    {"United States", ".com", kUsForms, kUsCities, "+1 (555) 010-{}"},
    {"United Kingdom", ".co.uk", kUkForms, kUkCities, "+44 20 7946 {}"},
    {"Germany", ".de", kGermanForms, kGermanCities, "+49 30 5550 {}"},
    {"France", ".fr", kFrenchForms, kFrenchCities, "+33 1 55 50 {}"},
    {"Netherlands", ".nl", kDutchForms, kDutchCities, "+31 20 555 {}"},
    {"Sweden", ".se", kSwedishForms, kSwedishCities, "+46 8 555 {}"},
    {"Canada", ".ca", kCanadianForms, kCanadianCities, "+1 (555) 020-{}"},
    {"Australia", ".com.au", kAustralianForms, kAustralianCities, "+61 2 5550 {}"},
};
inline constexpr int kCountryWeights[] = {55, 10, 9, 5, 5, 3, 7, 6};

inline constexpr std::string_view kSecondDomainEndings[] = {".io", ".com", ".net", ".co"};

enum class Seniority : std::uint8_t { executive, director, manager, individual };

struct Title {
  std::string_view name;
  std::string_view department;
  Seniority seniority;
};
inline constexpr Title kTitles[] = {
    {"CEO", "Executive", Seniority::executive},
    {"CFO", "Finance", Seniority::executive},
    {"CTO", "Engineering", Seniority::executive},
    {"COO", "Operations", Seniority::executive},
    {"Chief Information Officer", "IT", Seniority::executive},
    {"VP Engineering", "Engineering", Seniority::executive},
    {"VP of Operations", "Operations", Seniority::executive},
    {"VP Finance", "Finance", Seniority::executive},
    {"Chief Data Officer", "Data", Seniority::executive},
    {"IT Director", "IT", Seniority::director},
    {"Director of Engineering", "Engineering", Seniority::director},
    {"Head of Data", "Data", Seniority::director},
    {"Director of Operations", "Operations", Seniority::director},
    {"Director, Information Security", "Security", Seniority::director},
    {"Head of Procurement", "Procurement", Seniority::director},
    {"Procurement Manager", "Procurement", Seniority::manager},
    {"Engineering Manager", "Engineering", Seniority::manager},
    {"IT Manager", "IT", Seniority::manager},
    {"Data Platform Manager", "Data", Seniority::manager},
    {"Finance Manager", "Finance", Seniority::manager},
    {"Senior Software Engineer", "Engineering", Seniority::individual},
    {"Data Engineer", "Data", Seniority::individual},
    {"Systems Administrator", "IT", Seniority::individual},
    {"Security Analyst", "Security", Seniority::individual},
    {"Business Analyst", "Operations", Seniority::individual},
    {"Solutions Architect", "Engineering", Seniority::individual},
    {"Operations Analyst", "Operations", Seniority::individual},
};

inline constexpr std::string_view kAccountTypes[] = {"Prospect", "Customer - Direct",
                                                     "Customer - Channel", "Technology Partner"};
// Customers only: partners are made apart (Company::partners).
inline constexpr int kAccountTypeWeights[] = {60, 30, 10, 0};
inline constexpr std::uint8_t kPartnerType = 3;

inline constexpr std::string_view kLeadSources[] = {"Web", "Partner Referral", "Trade Show",
                                                    "Outbound", "Inbound Call"};
inline constexpr int kLeadSourceWeights[] = {30, 15, 10, 35, 10};

struct LossReason {
  std::string_view name;
  int weight;
  double competitor_chance;  // that Competitor__c names who won instead
};
inline constexpr LossReason kLossReasons[] = {
    {"Price", 17, 0.5},  {"Lost to Competitor", 25, 1.0}, {"No Decision", 20, 0.1},
    {"Timing", 12, 0.1}, {"Missing Feature", 10, 0.5},    {"Went Dark", 16, 0.05},
};

inline constexpr std::string_view kWinReasons[] = {
    "Product Fit",   "Relationship",          "Price",
    "Time to Value", "Executive Sponsorship", "Integrations"};
inline constexpr int kWinReasonWeights[] = {30, 15, 12, 18, 15, 10};

inline constexpr std::string_view kCompetitors[] = {
    "Contoso Analytics", "Initech Cloud",       "Globex Data",    "Umbrella Systems",
    "Hooli DataOps",     "Vandelay Industries", "Stark Pipelines"};

}  // namespace rearview::generate
