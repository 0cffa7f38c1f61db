/**
 * Starting keyword lists for the usual development sectors, by slug. A sector's own list (edited
 * in the newsroom under Sections) replaces these; a sector with an empty list and a slug not
 * here is found only through the desk's past choices.
 */
// The lists are packed, not one word a line (Prettier would make this data file 800 lines long).
// prettier-ignore
export const defaultSectorKeywords: Record<string, string[]> = {
  'agriculture-forestry': [
    'farm', 'farmer', 'farming', 'crop', 'harvest', 'maize', 'rice', 'wheat', 'cassava', 'coffee', 'cocoa', 'tea', 'livestock', 'cattle', 'dairy',
    'fisheries', 'fishermen', 'fish', 'forest', 'forestry', 'seed', 'fertiliser', 'fertilizer', 'irrigation', 'food security', 'agriculture',
    'agricultural', 'smallholder', 'locust', 'cooperative', 'grain', 'yield', 'pest', 'tree', 'timber', 'orchard', 'poultry', 'agronomist',
    'pastoralist', 'herder', 'goat', 'sheep', 'veterinary', 'foot-and-mouth', 'sugar cane', 'cotton', 'soybean', 'sorghum', 'millet', 'banana',
    'cashew', 'vanilla', 'palm oil', 'logging', 'agroforestry', 'aquaculture', 'crop insurance', 'granary', 'plantation',
  ],
  'art-culture': [
    'art', 'artist', 'museum', 'festival', 'film', 'cinema', 'music', 'musician', 'heritage', 'theatre', 'theater', 'exhibition', 'gallery', 'book',
    'novel', 'poet', 'poetry', 'dance', 'craft', 'culture', 'cultural', 'library', 'archive', 'radio drama', 'painting', 'sculpture', 'language',
    'literature', 'concert', 'creative', 'author', 'writer', 'novelist', 'painter', 'singer', 'band', 'album', 'orchestra', 'opera', 'choir',
    'photography', 'exhibit', 'archaeology', 'archaeological', 'manuscript', 'unesco', 'world heritage', 'monument', 'artisan', 'handicraft',
    'storyteller', 'playwright', 'actor', 'filmmaker', 'documentary', 'literary prize', 'restoration', 'restorers', 'mosaic', 'tilework', 'fresco',
    'frescoes', 'mausoleum', 'medieval', 'ruins', 'citadel', 'historic site', 'heritage site', 'calligraphy', 'folk', 'folklore',
  ],
  technology: [
    'digital', 'internet', 'broadband', 'mobile', 'app', 'software', 'data', 'startup', 'fintech', 'connectivity', 'satellite',
    'artificial intelligence', 'ai', 'technology', 'tech', 'online', 'cyber', 'platform', 'fibre', 'fiber', '5g', 'computer', 'coding',
    'e-government', 'identity system', 'drone', 'innovation', 'telecom', 'smartphone', 'electronic', 'semiconductor', 'chip', 'microchip',
    'data centre', 'data center', 'cloud', 'fibre-optic', 'fiber-optic', 'undersea cable', 'submarine cable', 'mobile money', 'e-commerce',
    'automation', 'robot', 'robotics', 'algorithm', 'cybersecurity', 'hacker', '4g', 'wi-fi', 'digitisation', 'digitization', 'electronic payment',
  ],
  'economy-business': [
    'economy', 'economic', 'gdp', 'growth', 'inflation', 'trade', 'export', 'import', 'investment', 'investor', 'bank', 'loan', 'credit', 'budget',
    'debt', 'tax', 'market', 'business', 'company', 'firm', 'jobs', 'employment', 'unemployment', 'tariff', 'currency', 'remittance', 'finance',
    'financing', 'bond', 'revenue', 'manufacturing', 'factory', 'enterprise', 'sme', 'price', 'stock exchange', 'shares', 'dividend', 'merger',
    'acquisition', 'exporter', 'importer', 'central bank', 'interest rate', 'deficit', 'surplus', 'fiscal', 'imf', 'world bank', 'microfinance',
    'retail', 'wholesale', 'privatisation', 'privatization', 'earnings', 'profit',
  ],
  education: [
    'school', 'schools', 'pupil', 'student', 'teacher', 'classroom', 'university', 'college', 'education', 'literacy', 'exam', 'curriculum',
    'enrolment', 'enrollment', 'learning', 'scholarship', 'vocational', 'training', 'skills', 'textbook', 'graduate', 'kindergarten', 'school meals',
    'teachers', 'lecturer', 'tuition', 'school fees', 'dropout', 'graduation', 'campus', 'academic', 'early childhood', 'preschool',
    'secondary school', 'primary school', 'numeracy', 'apprenticeship',
  ],
  'energy-extractives': [
    'energy', 'power', 'electricity', 'solar', 'wind', 'hydropower', 'dam', 'grid', 'mini-grid', 'oil', 'gas', 'lng', 'mining', 'mine', 'miner',
    'copper', 'cobalt', 'lithium', 'gold', 'coal', 'fuel', 'renewable', 'megawatt', 'mw', 'geothermal', 'refinery', 'pipeline', 'battery',
    'clean cooking', 'transmission', 'petroleum', 'crude', 'barrel', 'oilfield', 'gas field', 'offshore drilling', 'nuclear', 'uranium', 'nickel',
    'bauxite', 'iron ore', 'smelter', 'quarry', 'power plant', 'power station', 'turbine', 'biogas', 'biomass', 'electrification', 'blackout',
    'load shedding', 'kilowatt', 'gigawatt', 'hydrogen',
  ],
  politics: [
    'election', 'vote', 'voter', 'ballot', 'parliament', 'president', 'prime minister', 'party', 'opposition', 'campaign', 'coalition', 'cabinet',
    'minister', 'referendum', 'lawmaker', 'senate', 'political', 'politics', 'candidate', 'poll', 'government', 'diplomatic', 'summit', 'sanctions',
    'elections', 'electoral', 'polling station', 'turnout', 'legislature', 'legislative', 'lawmakers', 'mp', 'mps', 'constituency', 'inauguration',
    'sworn in', 'inaugurated', 'resignation', 'resigns', 'impeachment', 'no-confidence', 'protest', 'protesters', 'demonstrators', 'governor',
    'ruling party', 'manifesto', 'primaries', 'head of state', 'peace talks', 'ceasefire',
  ],
  'law-governance': [
    'court', 'judge', 'law', 'legal', 'justice', 'rights', 'human rights', 'corruption', 'anti-corruption', 'police', 'prison', 'constitution',
    'ruling', 'lawsuit', 'prosecutor', 'tribunal', 'governance', 'audit', 'accountability', 'transparency', 'regulation', 'regulator', 'bill',
    'legislation', 'public administration', 'civil service', 'land rights', 'ombudsman', 'arrested', 'arrest', 'convicted', 'conviction', 'sentenced',
    'acquitted', 'trial', 'verdict', 'appeal', 'supreme court', 'high court', 'magistrate', 'charged', 'indicted', 'fraud', 'bribery', 'bribe',
    'embezzlement', 'graft', 'money laundering', 'attorney general', 'lawyer', 'detention', 'detained', 'injunction', 'inquiry', 'investigation',
    'procurement', 'decree', 'auditor', 'auditors', 'auditor general', 'irregular spending', 'misconduct', 'ethics', 'oversight', 'body cameras',
    'police officers', 'complaints commission',
  ],
  health: [
    'health', 'hospital', 'clinic', 'doctor', 'nurse', 'patient', 'vaccine', 'vaccination', 'immunisation', 'immunization', 'disease', 'malaria',
    'cholera', 'tuberculosis', 'hiv', 'measles', 'polio', 'outbreak', 'epidemic', 'maternal', 'medicine', 'medical', 'nutrition', 'malnutrition',
    'mental health', 'pharmacy', 'drug', 'dengue', 'ebola', 'mpox', 'surgery', 'midwife', 'child mortality', 'healthcare', 'health care', 'hospitals',
    'clinics', 'health centre', 'health center', 'physician', 'paramedic', 'ambulance', 'diabetes', 'cancer', 'hypertension', 'stunting', 'antenatal',
    'newborn', 'infant', 'pandemic', 'virus', 'infection', 'diagnosis', 'antibiotic', 'public health',
  ],
  'science-environment': [
    'climate', 'emission', 'carbon', 'environment', 'environmental', 'biodiversity', 'wildlife', 'species', 'conservation', 'pollution', 'plastic',
    'drought', 'flood', 'heatwave', 'cyclone', 'coral', 'reef', 'ocean', 'glacier', 'research', 'scientist', 'study', 'ecosystem', 'mangrove',
    'national park', 'air quality', 'temperature', 'disaster', 'rainfall', 'wetland', 'deforestation', 'climate change', 'global warming',
    'greenhouse', 'erosion', 'coastal erosion', 'sea level', 'sea-level', 'landslide', 'earthquake', 'volcano', 'volcanic', 'tsunami', 'seismic',
    'glacial', 'marine reserve', 'protected area', 'endangered', 'poaching', 'habitat', 'meteorological', 'weather', 'scientists', 'researchers',
    'laboratory', 'extinction', 'marine',
  ],
  'social-gender': [
    'women', 'girls', 'gender', 'equality', 'inclusion', 'disability', 'refugee', 'migrant', 'migration', 'displaced', 'social protection',
    'cash transfer', 'poverty', 'pension', 'child marriage', 'violence against women', 'youth', 'elderly', 'indigenous', 'minority', 'welfare',
    'widow', 'domestic workers', 'asylum', 'humanitarian', 'gender-based violence', 'domestic violence', 'sexual violence', 'shelter', 'orphan',
    'orphans', 'child labour', 'child labor', 'trafficking', 'discrimination', 'lgbt', 'lgbtq', 'feminist', 'maternity leave', 'paternity leave',
    'minimum wage', 'homeless', 'homelessness', 'social security', 'food aid', 'inequality', 'vulnerable', 'disabled', 'wheelchair', 'caste', 'dalit',
    'adolescent', "children's rights", 'refugees', 'migrants', 'work permit', 'work permits', 'residency permit', 'residency permits', 'legal status',
    'undocumented', 'stateless', 'asylum seekers', 'host communities', 'returnees',
  ],
  sports: [
    'sport', 'sports', 'football', 'soccer', 'cricket', 'athlete', 'athletics', 'olympic', 'olympics', 'tournament', 'championship', 'league',
    'match', 'stadium', 'marathon', 'team', 'coach', 'medal', 'cup', 'rugby', 'basketball', 'boxing', 'cycling', 'player', 'federation', 'world cup',
    'volleyball', 'chess', 'footballer', 'striker', 'goalkeeper', 'midfielder', 'goal', 'goals', 'semi-final', 'quarter-final', 'qualifier', 'squad',
    'champion', 'champions', 'runner', 'sprinter', 'swimmer', 'swimming', 'tennis', 'golf', 'hockey', 'wrestling', 'weightlifting', 'judo', 'karate',
    'taekwondo', 'paralympic', 'paralympics', 'fifa', 'club', 'season', 'game', 'games', 'defeat', 'sevens', 'netball', 'sport for development',
  ],
  transport: [
    'road', 'highway', 'railway', 'rail', 'train', 'port', 'airport', 'airline', 'flight', 'bus', 'transport', 'transit', 'bridge', 'traffic',
    'shipping', 'freight', 'logistics', 'corridor', 'vehicle', 'motorcycle', 'ferry', 'metro', 'tram', 'aviation', 'truck', 'cargo', 'road safety',
    'electric buses', 'railways', 'locomotive', 'rolling stock', 'wagon', 'passenger', 'passengers', 'commuter', 'terminal', 'runway', 'seaport',
    'harbour', 'harbor', 'container', 'toll', 'expressway', 'motorway', 'road network', 'bus rapid transit', 'brt', 'car', 'cars', 'taxi', 'minibus',
    'driver', 'drivers', 'fare', 'fares',
  ],
  'urban-development': [
    'city', 'cities', 'urban', 'housing', 'slum', 'informal settlement', 'municipal', 'mayor', 'council', 'zoning', 'real estate',
    'affordable housing', 'neighbourhood', 'neighborhood', 'street', 'public space', 'waste collection', 'urban planning', 'smart city',
    'local government', 'town', 'resettlement', 'eviction', 'construction', 'urbanisation', 'urbanization', 'municipality', 'city council',
    'city hall', 'sidewalk', 'pavement', 'streetlight', 'park', 'parks', 'suburb', 'outskirts', 'housing units', 'apartment', 'apartments', 'homes',
    'slum upgrading', 'land use', 'masterplan', 'master plan', 'building permits', 'informal settlements',
  ],
  'water-sanitation': [
    'water', 'drinking water', 'sanitation', 'toilet', 'latrine', 'sewage', 'sewer', 'wastewater', 'hygiene', 'handwashing', 'borehole', 'well',
    'pipe', 'piped water', 'tap', 'water supply', 'desalination', 'reservoir', 'water utility', 'open defecation', 'faecal sludge', 'wash',
    'groundwater', 'water treatment', 'water shortage', 'water scarcity', 'water rationing', 'potable', 'sewerage', 'septic', 'treatment plant',
    'wastewater treatment', 'water pipes', 'standpipe', 'water point', 'water tanker', 'water connection', 'aquifer',
  ],
};

/**
 * Sectors whose words frame stories of every sector (money, institutions, law) rather than say
 * what a story is about: one leads only when no other sector scores close to it (tagging.ts).
 */
export const FRAMING_SECTORS: ReadonlySet<string> = new Set(['economy-business', 'politics', 'law-governance']);
