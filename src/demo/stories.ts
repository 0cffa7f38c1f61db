/**
 * Demo story templates for seeding Wiredesk with fictional development news.
 *
 * Every event, organisation and person named here is invented. The seeder
 * substitutes four placeholders: {country} (short English name), {capital},
 * {demonym} and {agency} (the news agency credited with the copy; used only in
 * news items, at most once per item).
 */

export type SectorSlug =
  | 'agriculture-forestry'
  | 'art-culture'
  | 'technology'
  | 'economy-business'
  | 'education'
  | 'energy-extractives'
  | 'politics'
  | 'law-governance'
  | 'health'
  | 'science-environment'
  | 'social-gender'
  | 'sports'
  | 'transport'
  | 'urban-development'
  | 'water-sanitation';

export type StoryKind = 'news' | 'opinion' | 'blog' | 'interview' | 'shot';

export interface StoryTemplate {
  kind: StoryKind;
  sector: SectorSlug; // the main sector
  extraSectors?: SectorSlug[]; // optional 1 more related sector
  headline: string; // title case, short and declarative, <= 90 characters after placeholder substitution
  standfirst: string; // 2-3 sentences summarising the story (<= 300 characters)
  paragraphs: string[]; // body paragraphs, plain text (no HTML). news: 4-6 paragraphs, the first restating the standfirst at length; opinion/blog: 5-7; interview: 6-10 alternating lines starting with "Q: " and "A: "; shot: exactly 1 paragraph of 35-60 words
  author?: string; // a fictional person's name for opinion, blog and interview pieces (byline); omit for news and shots
}

export const storyTemplates: StoryTemplate[] = [
  // ---------------------------------------------------------------------------
  // News: agriculture and forestry
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'agriculture-forestry',
    extraSectors: ['water-sanitation'],
    headline: 'Drip Irrigation Pilot Lifts Vegetable Yields for {country} Smallholders',
    standfirst:
      'About 4,200 farmers in three districts of {country} reported larger harvests after a two-year drip irrigation pilot. Organisers say water use on participating plots fell by nearly a third.',
    paragraphs: [
      'About 4,200 smallholder farmers in three districts of {country} harvested more tomatoes, onions and leafy greens over the past two seasons after switching from flood irrigation to low-pressure drip kits, according to an evaluation released in {capital}. The pilot, run by the Riverbend Growers Cooperative with support from district agriculture offices, found that water use on participating plots fell by about 30 percent.',
      'Average tomato yields rose from 11 tonnes to roughly 16 tonnes per hectare, the evaluation said, while the share of farmers reporting crop losses during dry spells dropped from 42 percent to 19 percent. Each kit, which serves a plot of about a quarter of a hectare, cost 180 dollars, with farmers paying a fifth of the price in instalments.',
      '"The biggest change is time," said Miriam Oduya, who coordinates the pilot. "Women who used to spend four hours a day carrying water to their plots now spend that time at the market or with their children."',
      'The cooperative plans to extend the scheme to a further 6,000 households next year, subject to funding. District officials told {agency} they were studying whether the kits could be added to a subsidised input programme that currently covers fertiliser and seed.',
      'Agronomists involved in the pilot cautioned that the gains depend on reliable access to a water source and on training. About one in ten kits had been abandoned by the second season, mostly because of clogged emitters that farmers could not repair locally, the report noted.',
    ],
  },
  {
    kind: 'news',
    sector: 'agriculture-forestry',
    extraSectors: ['science-environment'],
    headline: 'Village Nurseries Raise 1.2 Million Tree Seedlings in {country}',
    standfirst:
      'Community tree nurseries in {country} have raised 1.2 million seedlings this year under a restoration programme that pays households for trees that survive. Survival rates have reached 68 percent, well above earlier planting drives.',
    paragraphs: [
      'A network of 140 village tree nurseries in {country} raised and planted out 1.2 million seedlings over the past 12 months, under a restoration programme that pays households according to how many trees are still alive after two years rather than how many are put in the ground. Programme managers said this week that 68 percent of the trees planted in the first round had survived, compared with an estimated 30 percent in earlier campaigns.',
      'The scheme, known locally as Living Boundaries, is managed by the Greenbelt Commons Trust, a non-profit organisation based in {capital}. Households receive the equivalent of 0.40 dollars per surviving tree, paid in two instalments, and choose from a list of 22 native and fruit-bearing species.',
      '"When people are paid for survival, they water, they fence, they weed," said Elif Ramadani, the trust\'s field director. "The nursery becomes a small business, and the trees become an asset rather than a chore."',
      'Forestry officials say the programme has also reduced disputes over grazing, since village committees now agree in advance which plots are set aside for planting. Around 3,100 households have taken part so far, about 40 percent of them headed by women.',
      'The trust hopes to double the number of nurseries within three years and is testing a mobile-phone system that lets field staff photograph and geotag each planting site to speed up verification.',
    ],
  },
  {
    kind: 'news',
    sector: 'agriculture-forestry',
    headline: 'Community Seed Banks Help {country} Farmers Replant After Drought',
    standfirst:
      "Farmers in {country} who lost crops in last season's drought are replanting with drought-tolerant maize and bean seed stored in community seed banks. Some 9,000 households received seed this month.",
    paragraphs: [
      "Around 9,000 households in {country} whose harvests failed during last season's prolonged dry spell have received drought-tolerant maize and bean seed from a network of 57 community seed banks, local organisers said. The distribution, completed this month, is intended to let families replant without buying seed on credit at high prices.",
      'The seed banks were set up over the past five years by farmer groups with help from the national agricultural research institute, which supplied the original stock of tested varieties. Members deposit part of their harvest after each season and can withdraw seed later, returning a slightly larger quantity once their crop comes in.',
      '"In a normal year the bank is a kind of savings account," said Hadiza Garba-Lemoine, who chairs one of the largest seed banks. "In a year like this one, it is the difference between planting and waiting for aid."',
      'According to a report carried by {agency}, the research institute estimates that the varieties mature two to three weeks earlier than local types and lose less yield when rains are erratic. Extension workers are running demonstration plots in 120 villages to compare results.',
      'The agriculture ministry said it would contribute 650,000 dollars to build storage rooms for another 40 seed banks, with priority for districts where more than half of farmers reported losses.',
    ],
  },
  {
    kind: 'news',
    sector: 'agriculture-forestry',
    extraSectors: ['economy-business'],
    headline: 'Warehouse Receipts Let {demonym} Farmers Borrow Against Stored Grain',
    standfirst:
      'A warehouse receipt system launched in {country} allows farmers to deposit grain in certified stores and use it as collateral for loans. More than 2,300 farmers joined in the first six months.',
    paragraphs: [
      "More than 2,300 farmers in {country} have deposited grain in certified warehouses during the first six months of a receipt system that lets them borrow against their stored harvest instead of selling immediately after harvest, when prices are lowest. The scheme's results were presented at a meeting of farmer organisations in {capital} this week.",
      "Farmers bringing grain to one of 14 participating warehouses receive a receipt stating its weight and quality grade. Two partner lenders accept the receipts as collateral and advance up to 60 percent of the grain's market value, at an interest rate of about 1.2 percent a month.",
      'Organisers said 48,000 tonnes of maize, rice and pulses had been stored so far. Farmers who sold after waiting three to four months earned on average 22 percent more than those who sold at harvest, according to figures from the Harvest Ledger Exchange, the private company that runs the warehouses.',
      '"Before, I sold in the first week because school fees were due," said Baraka Mutesi, who stored 40 bags of maize. "This year I took a loan for the fees and sold in the fourth month, when the price had risen."',
      'Critics note that the warehouses are concentrated near main roads, and that farmers living far from them face transport costs that can absorb much of the gain. The operator said it was testing smaller village collection points linked to the central stores.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: art and culture
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'art-culture',
    extraSectors: ['technology'],
    headline: 'National Museum in {capital} Puts 18,000 Objects Online',
    standfirst:
      'The national museum of {country} has published photographs and descriptions of 18,000 objects from its collections in a free online catalogue. The three-year project also trained 26 young archivists.',
    paragraphs: [
      'The national museum of {country} has opened a free online catalogue containing photographs and descriptions of about 18,000 objects, from textiles and pottery to musical instruments and hand-drawn maps, museum officials said at a launch in {capital}. The three-year digitisation project also trained 26 young archivists in photography, cataloguing and conservation.',
      'Until now, most of the collection was held in storage rooms and could be consulted only by appointment. Curators estimate that fewer than 5 percent of the objects had ever been on public display.',
      '"A schoolteacher in a small town can now show her pupils a drum that was made in their own district 150 years ago," said Nadia Kourou, the museum\'s head of collections. "That matters more to us than visitor numbers."',
      'The project cost about 900,000 dollars, funded by the culture ministry and the Meridian Heritage Foundation, a private charity. Each record includes a short description and, where known, the name of the community that made the object, and users can submit information about items they recognise.',
      'The museum said it would add a further 7,000 objects, mostly photographs and audio recordings, over the next two years.',
    ],
  },
  {
    kind: 'news',
    sector: 'art-culture',
    headline: 'Mobile Cinema Tour Takes {demonym} Short Films to 60 Rural Towns',
    standfirst:
      'A travelling film programme is screening short films by young {demonym} directors in 60 rural towns of {country}, many of which have no cinema. Organisers expect more than 25,000 viewers by the end of the tour.',
    paragraphs: [
      'A travelling cinema carrying an inflatable screen, a generator and a projector began a four-month tour of 60 rural towns in {country} this week, screening short films made by young {demonym} directors. Organisers of the tour, the third of its kind, said they expected more than 25,000 people to attend the free evening screenings, most of them in towns without a cinema.',
      "The programme includes 14 films, most under 20 minutes long, selected from 230 submissions to a national competition. Subjects range from a comedy about a village wedding to a documentary about a women's bicycle repair workshop.",
      '"Most of our filmmakers have never seen their work in front of an audience outside {capital}," said Karim Aziz, the festival\'s programme director. "A rural audience tells you very quickly whether a story works."',
      "Each screening is followed by a discussion led by a local facilitator, and in several towns the organisers run one-day workshops on filming with mobile phones. The best phone films made during the tour will be shown at the festival's closing night, organisers told {agency}.",
      "The tour costs about 140,000 dollars and is supported by ticket sales from the festival's screenings in the capital, along with grants from two cultural foundations.",
    ],
  },
  {
    kind: 'news',
    sector: 'art-culture',
    extraSectors: ['education'],
    headline: "Linguists Record 900 Hours of Elders' Songs and Stories in {country}",
    standfirst:
      'Researchers and volunteers in {country} have recorded about 900 hours of songs, stories and oral histories in 11 minority languages. The recordings will be kept in a public archive at a university in {capital}.',
    paragraphs: [
      'A team of linguists, students and community volunteers in {country} has recorded about 900 hours of songs, folk tales and personal histories told by elders in 11 minority languages, several of which have fewer than 20,000 speakers. The material will be held in a public archive at a university in {capital}, and copies will be returned to each community, the project team said.',
      'The four-year project, called Voices Kept, trained 45 young people from the language communities to use recorders and transcribe material. Many recordings include translations and notes on the occasions when songs were traditionally performed, such as harvests, weddings and funerals.',
      '"Some of the people we recorded were the last in their village who could sing certain songs from beginning to end," said Dr Salome Achterberg, the linguist who leads the project. "We are not trying to put these languages in a museum. We want children to hear them."',
      'Schools in two districts have begun using short clips from the archive in language lessons, and a local radio station broadcasts a weekly programme of recordings. The project has also produced 30 illustrated storybooks based on the tales.',
      'Funding of about 380,000 dollars came from a university research grant and a private foundation. The team said it hopes to extend the work to five more languages but has not yet secured the money to do so.',
    ],
  },
  {
    kind: 'news',
    sector: 'art-culture',
    extraSectors: ['economy-business'],
    headline: "Weavers' Cooperative in {country} Wins Its First Large Export Order",
    standfirst:
      'A cooperative of 310 hand weavers in {country} has signed its first large export contract, to supply 12,000 scarves and table runners to a home-goods retailer abroad. Members say the deal could double their monthly income.',
    paragraphs: [
      'A cooperative of 310 hand weavers, most of them women, in {country} has signed a contract to supply 12,000 scarves, table runners and cushion covers to a home-goods retailer abroad, its first order of that size. Members said the deal, worth about 210,000 dollars, could roughly double their monthly earnings for the next eight months.',
      'The Threadline Weavers Cooperative was formed six years ago by women who had been selling cloth individually to traders at low prices. It now runs a shared workshop with 85 looms, a dyeing room and a small showroom in {capital}.',
      '"Traders used to tell us what our cloth was worth," said Esther Lamptey, the cooperative\'s chairwoman. "Now we know the price before we start weaving."',
      'To meet the order, the cooperative has trained 60 new members and introduced quality checks at each stage of production. The buyer required that all dyes meet international safety standards, which meant replacing several chemical dyes with plant-based alternatives, the cooperative told {agency}.',
      'Trade officials say handicrafts remain a small share of {demonym} exports but could grow if producers can guarantee consistent quality and delivery dates. The cooperative is negotiating a second order for next year.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: technology
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'technology',
    extraSectors: ['economy-business'],
    headline: '{capital} Tech Incubator Graduates 30 Start-ups, Its Largest Cohort Yet',
    standfirst:
      'A technology incubator in {capital} has graduated 30 start-ups working on farming, health and payments tools. Companies that have passed through the programme have raised 4.6 million dollars since it opened in {country} five years ago.',
    paragraphs: [
      'Thirty start-ups graduated this week from a six-month programme at the Crossroads Innovation Hub in {capital}, the largest group since the incubator opened five years ago. Companies that have passed through the programme have raised a combined 4.6 million dollars in investment and employ about 640 people in {country}, according to figures presented at the graduation event.',
      'The latest cohort includes a firm that lets pharmacies check medicine stocks at nearby outlets, a bookkeeping app for market traders and a service that sends weather alerts to farmers by voice message. Eleven of the 30 companies were founded or co-founded by women, up from four in the previous cohort.',
      '"Most founders here are not short of ideas. They are short of customers and of the first 20,000 dollars," said Yusuf Karaman, the hub\'s director. He said the programme focused on helping companies sign paying clients before seeking outside investment.',
      'Each start-up received mentoring, office space and a grant of up to 15,000 dollars. The hub is funded by a group of local banks and a mobile network operator, which take no equity in the companies.',
      'Founders at the event said the cost of internet data, unreliable power and slow company registration remained obstacles. Organisers said the next cohort would open for applications in two months, with 40 places available.',
    ],
  },
  {
    kind: 'news',
    sector: 'technology',
    headline: 'Community Wi-Fi Network Connects 40 Villages in {country}',
    standfirst:
      'Forty villages in {country} now have shared internet access through a community-run wireless network powered by solar panels. Residents can buy a monthly pass for about 3 dollars.',
    paragraphs: [
      'Forty villages in {country} have been connected to the internet through a community-owned wireless network that relays a signal from a fibre point in a market town across a chain of solar-powered masts, the organisers said. Residents can buy a monthly pass for about 3 dollars, or pay by the day at shared access points in schools and clinics.',
      'The network is run by the Open Sky Village Network, a cooperative registered two years ago, which trained 52 local technicians to install and maintain the equipment. About 7,800 people used the network at least once in the past month, according to its records.',
      '"For the first time, the health worker can send a report without travelling to town, and the children can look something up for homework," said Aline Mugabo, a technician who manages six of the masts.',
      'The project cost about 520,000 dollars, covered mainly by a universal access fund financed by a levy on mobile operators. Regulators in {capital} said the model could be extended to other areas that commercial operators consider unprofitable.',
      'The cooperative said subscription revenue now covers day-to-day maintenance but not the replacement of equipment, which it expects to need within six years.',
    ],
  },
  {
    kind: 'news',
    sector: 'technology',
    extraSectors: ['health'],
    headline: 'Tablets at Rural Clinics Speed Up Birth Registration in {country}',
    standfirst:
      'Health workers in {country} are registering newborns on tablets before mothers leave the clinic, cutting the wait for a birth certificate from months to days. About 61,000 births were recorded in the first year.',
    paragraphs: [
      'Health workers at 230 rural clinics in {country} have been registering newborns on tablets before mothers go home, under a programme that links maternity wards directly to the civil registry, officials said. About 61,000 births were recorded this way in the first year, and families received certificates within an average of six days, compared with several months previously.',
      'Before the change, parents had to travel to a district registry office with a letter from the clinic, a trip many families postponed. Registry officials said some children in remote areas reached school age without a certificate, which is needed for enrolment and national exams.',
      'The tablets work offline and upload records when a mobile signal is available. Each record is checked by a registrar in the district before a certificate is printed and sent back to the clinic for collection.',
      '"We were already seeing every mother. It made no sense to send her somewhere else for a piece of paper," said Beatrice Alvarado, a midwife at one of the participating clinics.',
      'The programme cost 1.3 million dollars to set up, including devices and training, the registry told {agency}. Officials plan to extend it to all public maternity units within three years and are studying whether deaths could be registered in the same way.',
    ],
  },
  {
    kind: 'news',
    sector: 'technology',
    extraSectors: ['agriculture-forestry'],
    headline: 'University Lab in {capital} Builds Voice Advice Line for Farmers',
    standfirst:
      "Researchers in {country} have developed a voice-based advice service that answers farmers' questions in four local languages over an ordinary phone call. In a trial with 3,500 farmers, most used it at least once a week.",
    paragraphs: [
      'A computer science laboratory at a public university in {capital} has built a voice-based advisory service that answers questions about crops, pests and market prices in four local languages, using an ordinary phone call rather than a smartphone app. In a six-month trial with 3,500 farmers in {country}, 71 percent called the service at least once a week, the researchers said.',
      'Farmers speak their question after a short menu, and the system matches it against a library of about 2,400 recorded answers prepared with agronomists. Questions it cannot match are forwarded to a human adviser, who calls back within a day.',
      'To train the speech recognition software, the team collected recordings from 1,100 volunteers, including older farmers and people with strong regional accents. "Most speech technology is built for a handful of big languages. We wanted a system that understands how our farmers actually talk," said Dr Henrik Osei, who leads the laboratory.',
      'The researchers said the most common questions concerned pest outbreaks, fertiliser doses and where to sell produce. Calls are free for farmers; the university covers about 0.02 dollars per minute in telephone charges.',
      'The team is seeking a partner to run the service after its research grant ends next year. Agriculture officials told {agency} they were considering integrating it into the national extension service.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: economy and business
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'economy-business',
    extraSectors: ['social-gender'],
    headline: 'Mobile Savings Accounts Draw 120,000 Market Traders in {country}',
    standfirst:
      'A savings product designed for market traders in {country} has signed up 120,000 users in its first year, most of them women. Traders can save amounts as small as 10 cents and borrow after six months.',
    paragraphs: [
      'A mobile savings account aimed at market traders in {country} has attracted about 120,000 users in its first year, around 70 percent of them women, the community bank that offers it said. Traders can deposit amounts as small as 10 cents by phone and, after six months of regular saving, borrow up to three times their average balance.',
      'The product was developed by Marketway Community Bank after a survey of 2,000 traders in {capital} and four regional towns found that most kept their savings at home or with informal collectors who charged a daily fee.',
      'Total deposits have reached 3.4 million dollars, and the bank has issued about 18,000 loans with an average size of 140 dollars. The repayment rate stands at 96 percent, it said.',
      '"I save a little every evening when I close the stall. By the end of the month it is enough to buy stock at wholesale prices," said Agnes Tembo, who sells cooking oil and soap.',
      'Financial inclusion specialists said the results were encouraging but noted that many potential users live in areas with patchy mobile coverage. The bank will train 400 market agents to accept cash deposits on behalf of customers, a spokesperson told {agency}.',
    ],
  },
  {
    kind: 'news',
    sector: 'economy-business',
    headline: 'Borrowing Costs Top Concerns in {country} Small Business Survey',
    standfirst:
      'The cost of borrowing is the main obstacle for small firms in {country}, according to a survey of 1,800 businesses by an independent research group. Transport costs and late payment by customers came next.',
    paragraphs: [
      'The cost and availability of credit is the biggest obstacle facing small and medium-sized businesses in {country}, according to a survey of 1,800 firms published in {capital} by the Lattice Economic Research Centre, an independent think tank. Forty-four percent of respondents named borrowing costs as their main concern, ahead of transport costs at 21 percent and late payment by customers at 15 percent.',
      'The survey covered manufacturers, retailers, farm businesses and service companies with between five and 200 employees. Just over a third said they had applied for a bank loan in the past two years, and roughly half of those applications were approved.',
      "Firms that were turned down most often cited a lack of acceptable collateral. Many owners said they relied instead on suppliers' credit, family loans or reinvested profits, which limited how quickly they could grow, the report found.",
      '"Small firms are not asking for favours. They are asking for lenders who understand cash flow as well as land titles," said Rania Saleh, an economist who led the study.',
      'The report recommends a public registry of movable assets, such as machinery and vehicles, that could be pledged as collateral, and faster handling of small commercial disputes. Officials at the trade ministry said they would review the findings.',
    ],
  },
  {
    kind: 'news',
    sector: 'economy-business',
    extraSectors: ['agriculture-forestry'],
    headline: 'Fruit-Drying Plant Opens in {country}, Buying From 2,000 Growers',
    standfirst:
      'A fruit-processing plant has opened in {country} with capacity to dry and package 3,000 tonnes of fresh fruit a year. It will buy from about 2,000 growers who previously lost much of their harvest to spoilage.',
    paragraphs: [
      'A fruit-drying and packaging plant has started operations in {country} with the capacity to process 3,000 tonnes of fresh seasonal fruit a year, its owners said at an opening ceremony attended by {demonym} trade officials. The plant will buy from about 2,000 growers, many of whom used to lose between a quarter and a third of their harvest because they could not sell it before it spoiled.',
      "The 4.2 million dollar plant was built by Orchard Line Processors, a company owned by a group of local investors and a growers' association that holds a 20 percent stake. It employs 180 people, two-thirds of them women, and expects to add a second shift during the peak season.",
      'Growers sign seasonal contracts that set a minimum price per kilogram, paid within two weeks of delivery. "Before, we sold whatever the traders offered on the day," said Peter Mensah-Dery, who grows fruit on two hectares. "Now I know before the harvest what I will earn."',
      "The dried fruit will be sold in domestic supermarkets and exported, mainly in bulk to food manufacturers. The company said it had secured orders for about 60 percent of its first year's output.",
      'Trade officials told {agency} the plant was one of eight agro-processing projects approved for tax incentives last year, part of an effort to earn more from crops that are currently sold unprocessed.',
    ],
  },
  {
    kind: 'news',
    sector: 'economy-business',
    extraSectors: ['social-gender'],
    headline: 'Youth Enterprise Fund in {country} Pays Out Its First 1,500 Grants',
    standfirst:
      'A fund that supports young entrepreneurs in {country} has paid out its first 1,500 grants, averaging 1,200 dollars each. Recipients were selected after a business training course and must report progress every quarter.',
    paragraphs: [
      "A youth enterprise fund in {country} has paid out its first 1,500 start-up grants, worth an average of 1,200 dollars, to applicants aged 18 to 30 who completed a six-week business training course, the fund's managers said in {capital}. The new businesses range from tailoring and phone repair to poultry farming and catering.",
      'More than 22,000 people applied in the first round. Applicants submitted a simple business plan, and shortlisted candidates attended the training before a panel of local business owners chose the recipients.',
      'The fund, which has a budget of 6 million dollars over three years, is financed by the government and a group of private donors and managed by an independent board. Recipients must submit a short report each quarter and meet a volunteer mentor once a month.',
      '"The training was as useful as the money. I learned to keep my business cash separate from my household cash," said Lina Okafor, 24, who opened a small bakery with her grant.',
      'An evaluation by a university team will compare recipients with similar applicants who were not selected, to measure whether the grants lead to lasting jobs. Early results are expected in about 18 months.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: education
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'education',
    extraSectors: ['social-gender'],
    headline: 'New Secondary School Opens Its Doors to 600 Students in {country}',
    standfirst:
      'A secondary school built with community contributions and public funds has opened in {country}, sparing hundreds of teenagers a daily walk of up to 12 kilometres. It has 14 classrooms, two science labs and a library.',
    paragraphs: [
      'A new secondary school with places for 600 students opened this week in a rural district of {country}, where until now the nearest secondary school was up to 12 kilometres away for many families. The school has 14 classrooms, two science laboratories, a library and separate toilet blocks for girls and boys, district education officials said.',
      'The building cost about 1.1 million dollars, of which local residents raised around 90,000 dollars through contributions of cash, labour and building materials. The rest came from the national school construction budget.',
      '"Many girls in this area stopped at primary school because parents were worried about the long walk," said Margaret Nalwoga, the school\'s first head teacher. "On the first day we had 212 girls, and more are still arriving."',
      'The district has posted 22 teachers to the school, including four science teachers, and plans to build staff housing next year to help retain them. Education officials told {agency} that about 4,000 children in the district finish primary school each year.',
      "Parents' representatives said they would run a school garden and a lunch programme to help keep students in class through the afternoon.",
    ],
  },
  {
    kind: 'news',
    sector: 'education',
    extraSectors: ['agriculture-forestry'],
    headline: 'School Meals Programme Lifts Attendance in {country}, Study Finds',
    standfirst:
      'Daily school meals made with locally grown food have raised attendance in 450 primary schools in {country}, according to an independent evaluation. Absences fell by about a fifth in two years.',
    paragraphs: [
      'A programme providing a free daily meal to pupils in 450 primary schools in {country} has raised attendance and improved test scores, according to an independent evaluation published on Wednesday. Absences fell by about 20 percent over two years, with the largest gains among girls and children from the poorest households, the evaluators found.',
      'The programme buys beans, grains, vegetables and eggs from about 9,000 smallholder farmers living near the schools, so that money spent on meals also supports local agriculture. Each meal costs roughly 0.25 dollars per child.',
      'Pupils in schools with meals scored on average 6 percentage points higher in end-of-year reading tests than pupils in comparable schools without them. Teachers reported that children were more attentive in afternoon lessons.',
      '"A hungry child cannot learn fractions," said Samuel Ardeni, a district education officer. "We always knew that. Now we have the numbers to show it."',
      'The evaluation, carried out by researchers at a university in {capital}, recommends extending the programme to a further 1,200 schools at an estimated annual cost of 14 million dollars. Officials said funding would be discussed in the next budget round, {agency} reported.',
    ],
  },
  {
    kind: 'news',
    sector: 'education',
    headline: 'Reading in Home Languages Boosts Early Literacy, {country} Pilot Shows',
    standfirst:
      'Children in {country} taught to read first in the language spoken at home read nearly twice as many words per minute after two years as peers in regular classes. The pilot covered 180 schools.',
    paragraphs: [
      'Pupils in {country} who learned to read first in the language they speak at home were reading almost twice as many words per minute by the end of their second year as children taught only in the official language of instruction, according to the results of a pilot in 180 primary schools presented in {capital}.',
      'Over the two years, 620 teachers received training in structured reading methods and were given sets of graded storybooks written in five local languages. Children moved on to reading in the official language in their third year.',
      'On average, second-year pupils in the pilot read 38 words per minute, compared with 20 in comparison schools. The share of children who could not read a single word of a simple passage fell from 34 percent to 11 percent.',
      '"Children were being asked to learn to read and learn a new language at the same time," said Amani Rukundo, who coordinates the programme at the Brightpage Literacy Foundation, a non-governmental group. "Separate those two tasks and they make progress much faster."',
      'Officials said the approach would be extended to 1,000 more schools, but noted that producing enough books in each language and finding teachers who speak them remain the main challenges.',
    ],
  },
  {
    kind: 'news',
    sector: 'education',
    extraSectors: ['energy-extractives'],
    headline: 'Technical College in {country} Opens Courses in Solar and Motor Repair',
    standfirst:
      'A technical college in {country} has launched certificate courses in solar installation and electric motor repair, with 240 students in the first intake. Employers helped design the curriculum and will offer work placements.',
    paragraphs: [
      'A public technical college in {country} has opened certificate courses in solar panel installation, battery maintenance and electric motor repair, with 240 students enrolled in the first intake, the college said. The courses were designed with a group of 18 employers, including solar distributors and motorcycle workshops, who have agreed to take students for work placements.',
      'The nine-month courses combine classroom teaching with practical work in a new workshop fitted with training panels, inverters and stripped-down motors. Fees are about 150 dollars per term, and around half of the students receive a bursary.',
      '"Our graduates used to learn on old equipment that nobody uses any more," said Joseph Mwila, the college principal. "Employers told us exactly what they needed, and we built the course backwards from that."',
      "Women make up 31 percent of the first intake, a higher share than in most of the college's other technical courses. The college said it had set aside places in a new hostel for female students from outside the town.",
      'Labour officials told {agency} that demand for solar technicians had grown quickly as households and businesses install panels, and that the ministry was considering a national certification standard for {demonym} installers.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: energy and extractives
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'energy-extractives',
    headline: 'Solar Mini-Grid Brings Round-the-Clock Power to Three Villages in {country}',
    standfirst:
      'A 240-kilowatt solar mini-grid with battery storage now supplies electricity to about 1,900 households and 150 businesses in three villages of {country}. Customers pay through prepaid meters.',
    paragraphs: [
      'Three villages in {country} that had never been connected to the national grid now have electricity around the clock from a 240-kilowatt solar mini-grid with battery storage, the private developer that built it said. About 1,900 households, 150 small businesses, two schools and a health centre are connected and pay for power through prepaid meters.',
      'The 2.3 million dollar project was financed by the developer, Solmara Energy, with a results-based grant from the national rural electrification agency, which pays a fixed amount for each verified connection. Households pay a connection fee of 15 dollars, spread over six months.',
      'Tariffs are higher than on the main grid, at about 0.35 dollars per kilowatt-hour, but lower than what many families previously spent on kerosene, candles and phone charging, the developer said.',
      '"The mill used to run on diesel and close when fuel ran out. Now it runs all day, and three welders have opened workshops," said Halima Yusuf, who chairs the village energy committee.',
      'Rural electrification officials in {capital} said 48 similar mini-grids were at various stages of development. Under current rules, if the national grid reaches a mini-grid area, the developer can sell its assets to the utility or continue operating as a distributor.',
    ],
  },
  {
    kind: 'news',
    sector: 'energy-extractives',
    extraSectors: ['social-gender'],
    headline: 'Efficient Cookstoves Cut Household Fuel Bills in {country}, Survey Finds',
    standfirst:
      'Households in {country} using improved cookstoves spend about 40 percent less on charcoal and firewood, a survey of 2,600 families has found. More than 85,000 stoves have been sold since the programme began.',
    paragraphs: [
      'Families in {country} that switched to improved cookstoves are spending about 40 percent less on charcoal and firewood, according to a survey of 2,600 households released by the organisers of a national stove programme. More than 85,000 of the stoves have been sold since the programme began four years ago.',
      'The stoves, made by 35 local workshops from sheet metal and a ceramic liner, sell for about 18 dollars. A subsidy funded by the sale of carbon credits brings the price down to 11 dollars for buyers in rural areas.',
      'Women interviewed for the survey reported spending about 50 minutes less a day collecting wood, and 62 percent said their kitchens were less smoky. Researchers cautioned that many households still used their old open fires alongside the new stoves for some dishes.',
      '"Stove makers now have a steady market, and the stoves are repaired locally when they crack," said Elena Castellanos, who manages the programme for the Clearflame Stove Alliance. She said quality checks had been tightened after some early batches wore out within a year.',
      'The energy ministry told {agency} it was drafting efficiency and safety standards for cookstoves, which would apply to both locally made and imported models.',
    ],
  },
  {
    kind: 'news',
    sector: 'energy-extractives',
    extraSectors: ['health'],
    headline: 'Small-Scale Gold Miners in {country} Trial Mercury-Free Processing',
    standfirst:
      'Artisanal gold miners at 12 sites in {country} are testing equipment that separates gold without mercury. Early results show recovery rates equal to or better than traditional methods.',
    paragraphs: [
      'Artisanal gold miners at 12 sites in {country} are testing shaking tables and gravity concentrators that separate gold from crushed ore without using mercury, a toxic metal widely used in small-scale mining. Early results show that the equipment recovers as much gold as traditional methods, and in some cases more, according to the mining cooperatives taking part.',
      'The trial is run by the mines ministry with the Clear Ore Initiative, a technical assistance programme, and involves about 1,400 miners. Each site received equipment worth about 25,000 dollars, which the cooperatives will repay over three years from a share of gold sales.',
      'Mercury exposure can damage the nervous system and kidneys, and health specialists have long urged small-scale miners to stop burning amalgam near their homes. The trial includes voluntary health checks for miners at the start and end of the project.',
      '"The old way, we lost gold with the waste and we breathed the fumes when we burned the amalgam," said Kwabena Asare-Tindall, chairman of one of the cooperatives. "With the table, we can see the gold line up in front of us."',
      'Officials in {capital} said miners who adopt mercury-free methods would be given priority for formal licences. The trial is due to run for another nine months.',
    ],
  },
  {
    kind: 'news',
    sector: 'energy-extractives',
    extraSectors: ['agriculture-forestry'],
    headline: 'Biogas Digesters Turn Dairy Waste Into Cooking Fuel for {country} Farmers',
    standfirst:
      'About 3,300 dairy farmers in {country} have installed biogas digesters that convert manure into cooking gas and fertiliser. A loan scheme lets families repay the cost over two years.',
    paragraphs: [
      'Some 3,300 dairy farming households in {country} have installed small biogas digesters that turn cow dung into gas for cooking and lighting, along with a liquid fertiliser for their fields, under a programme run by a dairy cooperative union. The digesters cost about 650 dollars each, which families repay over two years through deductions from their milk payments.',
      "A household with three or four cows can produce enough gas for most of its daily cooking, according to the programme's technicians. Families report saving an average of 20 dollars a month on fuel and chemical fertiliser.",
      '"We spend the money we save on school fees, and my daughters no longer go out to look for firewood," said Rosemary Chikwanha, who installed a digester 18 months ago.',
      'The cooperative union has trained 110 local masons to build and repair the units, which are made of brick and concrete with a plastic gas bag. Maintenance checks are carried out twice a year, and about 93 percent of the digesters installed in the first year are still working, it said.',
      'Energy officials in {capital} told {agency} that biogas could help reduce pressure on woodlands, and said they were considering a tax exemption on digester components.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: politics
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'politics',
    extraSectors: ['law-governance'],
    headline: 'Parliamentary Committee in {country} Takes Local Government Bill on the Road',
    standfirst:
      'A parliamentary committee in {country} is holding public hearings in 16 towns on a draft law that would give elected district councils more control over spending. More than 5,000 people attended the first week of sessions.',
    paragraphs: [
      'A parliamentary committee in {country} is holding public hearings in 16 towns on a draft local government law that would give elected district councils more control over how they spend their budgets, committee members said. More than 5,000 people attended the first week of hearings, held in town halls, schools and market squares.',
      'Under the draft, councils would receive a fixed share of national revenue, set at 15 percent in the first year, and could decide how to allocate it among roads, health, water and other services within national guidelines. Councils would also be required to publish their budgets and hold at least two public meetings a year.',
      'Speakers at the hearings asked how funds would be shared between richer and poorer districts, and whether councils have enough trained staff to manage larger budgets. Several asked that a portion of the money be reserved for projects chosen directly by villages.',
      '"We came to listen, not to defend the text," Helena Baptiste, the committee\'s chairperson, told {agency}. She said the committee would publish a summary of all submissions before the bill returns to the chamber in {capital}.',
      "The hearings are scheduled to run for another three weeks. Written submissions can also be sent to the committee by post or through the parliament's website.",
    ],
  },
  {
    kind: 'news',
    sector: 'politics',
    headline: 'Electoral Body in {country} Launches Voter Education Drive Before Local Polls',
    standfirst:
      'The electoral commission in {country} has begun a nationwide voter education campaign ahead of municipal elections, with a focus on first-time voters. About 2,000 trained volunteers will visit markets, colleges and workplaces.',
    paragraphs: [
      'The electoral commission in {country} has launched a nationwide voter education campaign ahead of municipal elections, with about 2,000 trained volunteers visiting markets, colleges, workplaces and places of worship to explain how to check registration details and cast a ballot. The commission said it was particularly keen to reach first-time voters.',
      'The campaign includes radio spots in several languages, a free text-message service that tells people where their polling station is, and sign-language videos for deaf voters. Commission staff will also hold demonstration sessions with sample ballot papers.',
      'According to the commission, hundreds of thousands of people have been added to the voter roll since the last local elections, many of them aged between 18 and 25.',
      '"Many young people tell us they don\'t know what a municipal council actually does," said Omar Haddad, the commission\'s head of outreach, speaking in {capital}. "So we start there, with street lights, markets and rubbish collection, and then we talk about the ballot."',
      'Civil society groups that observe elections welcomed the campaign and said they would deploy their own monitors during the update of the voter roll, which runs for another month.',
    ],
  },
  {
    kind: 'news',
    sector: 'politics',
    extraSectors: ['social-gender'],
    headline: 'Youth Parliament in {capital} Debates Jobs, Climate and Mental Health',
    standfirst:
      'One hundred young delegates from every region of {country} met for a three-day youth parliament session in {capital}, adopting 11 resolutions to be presented to lawmakers. Youth employment dominated the debate.',
    paragraphs: [
      'One hundred delegates aged 16 to 24 from every region of {country} gathered in {capital} for a three-day session of the national youth parliament, where they debated and adopted 11 resolutions on issues including youth employment, climate adaptation and mental health services. The resolutions will be formally presented to the speaker of parliament next month.',
      'Delegates were elected by school councils, youth clubs and student unions in a process overseen by the National Youth Council, an independent body. Half of the seats are reserved for young women, and five for young people with disabilities.',
      'The most debated motion called for apprenticeship programmes in which employers would receive a tax credit for each trainee offered a permanent job. Another asked for a counsellor in every secondary school, which delegates said could be financed partly by reallocating existing training budgets.',
      '"We don\'t want to be told that we are the future. We want to be part of the decisions now," said Nia Oduor, 19, who represented a rural constituency and chaired the session on employment.',
      'Several lawmakers attended the closing session and said the resolutions would be referred to the relevant committees, according to a report carried by {agency}.',
    ],
  },
  {
    kind: 'news',
    sector: 'politics',
    headline: 'Political Parties in {country} Sign Code of Conduct for Local Campaigns',
    standfirst:
      'Representatives of 14 registered political parties in {country} have signed a code of conduct committing them to peaceful campaigning and respectful language. A joint committee will hear complaints during the campaign.',
    paragraphs: [
      'Representatives of 14 registered political parties in {country} signed a code of conduct in {capital} on Thursday, committing their candidates and supporters to peaceful campaigning, respectful language and cooperation with election officials during the forthcoming local elections. The code was drafted over four months with help from the Civic Dialogue Forum, a non-partisan group.',
      'Under the code, parties agree not to hold rallies in the same town on the same day, to remove campaign posters within two weeks of the vote and to refrain from offering gifts to voters. A joint committee made up of one representative from each party and three independent members will hear complaints.',
      'The committee can issue public warnings and refer serious cases to the electoral commission, which has powers under existing law to fine parties or disqualify candidates. It is expected to publish a weekly summary of the complaints it receives.',
      '"A code on paper does nothing by itself. What matters is that party leaders explain it to their local branches," said Farida Mansour, who chairs the forum. She said training sessions for party agents would begin next week in all regions.',
      'Observers noted that similar agreements had been signed before earlier elections and said the new complaints committee, with its independent members, was the main innovation, {agency} reported.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: law and governance
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'law-governance',
    extraSectors: ['agriculture-forestry'],
    headline: 'Court in {country} Upholds Land Rights of 1,200 Farming Families',
    standfirst:
      'The high court in {capital} has ruled that 1,200 families in {country} hold customary rights to land they have farmed for generations, rejecting a claim by a private developer. The ruling orders a new survey of the boundaries.',
    paragraphs: [
      'The high court in {capital} ruled on Monday that about 1,200 families in a rural district of {country} hold customary rights to roughly 3,400 hectares of farmland, rejecting a claim by a private property developer that said it had acquired the land through a lease. The court ordered a new survey of the boundaries within six months.',
      'The case, brought on behalf of the families by a legal aid organisation, centred on whether a lease signed by a former village official was valid without the consent of the community. The judge found that community land could not be leased without a decision by an assembly of rights holders, which had not taken place.',
      'Lawyers for the developer, Halvorsen Ridge Properties, said they were studying the judgment and had not decided whether to appeal. The company had planned to build a housing estate and a commercial centre on part of the land.',
      '"These families have buried their parents on this land. Today the court recognised what everyone in the village already knew," said Ruth Mwamba-Ellis, a lawyer with the Community Land Rights Clinic, which represented the families. She told {agency} the ruling could guide dozens of similar disputes.',
      'Legal experts said the judgment clarified how customary rights interact with registered leases, an area in which courts had reached differing conclusions. Land officials said they would comply with the order for a new survey.',
    ],
  },
  {
    kind: 'news',
    sector: 'law-governance',
    headline: 'Mobile Courts Clear 3,800 Cases in Remote Districts of {country}',
    standfirst:
      'Mobile courts travelling to remote districts of {country} have decided 3,800 cases in their first year, mostly land, family and petty theft disputes. The average time to a decision fell from 14 months to under three.',
    paragraphs: [
      'Mobile courts that travel to remote districts of {country} have heard and decided about 3,800 cases in their first year of operation, reducing the average time from filing to decision from 14 months to under three, the judiciary said in a report released in {capital}. Most cases involved land boundaries, family maintenance, inheritance and minor theft.',
      'Each of the six mobile units includes a magistrate, a clerk, an interpreter and a legal aid lawyer, and sits for a week at a time in a district headquarters, school hall or community centre. The programme cost about 870,000 dollars in its first year, including two vehicles converted into mobile offices.',
      "The report said that before the courts began travelling, many residents had to spend two days and a significant share of a month's income to attend a single hearing in a regional town, and sometimes found their case adjourned on arrival.",
      '"People used to settle matters on their own terms, which often meant the stronger party won," said Daniela Rivas, a magistrate who has served on one of the units. "Now they can get a decision from a court, and it is on the record."',
      'The judiciary plans to add four more units next year. Legal aid groups told {agency} they would like the courts to stay longer in each location, as some complex cases could not be completed in a single week.',
    ],
  },
  {
    kind: 'news',
    sector: 'law-governance',
    extraSectors: ['economy-business'],
    headline: '{country} Publishes Public Contracts on Open Procurement Portal',
    standfirst:
      'The public procurement authority in {country} has begun publishing every government contract above 5,000 dollars on a free website, from tender notice to final payment. More than 14,000 contracts are already online.',
    paragraphs: [
      'The public procurement authority in {country} has begun publishing all government contracts worth more than 5,000 dollars on a free website, showing each stage from the tender notice and list of bidders to the signed contract and payments made, officials said. More than 14,000 contracts from the past 18 months were online at launch.',
      'The portal allows users to search by ministry, district, supplier or type of work, and to download the data as a spreadsheet. A map shows the location of construction projects, with photos uploaded by inspectors.',
      'Officials said the system was expected to increase competition, since suppliers can see upcoming tenders in advance. In a pilot with three ministries, the average number of bids per tender rose from 2.8 to 4.5, and average prices for common items such as office supplies and school desks fell.',
      '"When a road is paid for, anyone in that village can now look up who built it, how much it cost and when it should be finished," said Victor Almeida, the authority\'s director general, speaking in {capital}.',
      'Civil society groups welcomed the portal and said they would train journalists and community monitors to use it. They urged the authority to also publish contract amendments and inspection results, which are currently only partly available.',
    ],
  },
  {
    kind: 'news',
    sector: 'law-governance',
    extraSectors: ['urban-development'],
    headline: 'Residents Vote on Council Spending in {country} Participatory Budget Pilot',
    standfirst:
      'More than 31,000 residents in five municipalities of {country} have voted on how to spend part of their local budgets. Street lighting, drainage and classroom repairs were the most popular choices.',
    paragraphs: [
      "More than 31,000 residents of five municipalities in {country} took part in votes this month to decide how to spend a combined 2.5 million dollars of their councils' budgets, under a participatory budgeting pilot backed by the local government ministry in {capital}. Street lighting, drainage repairs and the renovation of classrooms received the most votes.",
      'Over three months, neighbourhood assemblies drew up a list of 190 proposals, which council engineers then costed and checked for feasibility. Residents aged 16 and over could vote for up to three projects at polling points in schools and markets, or by text message.',
      'In one municipality, a covered waiting area at a bus stop used by schoolchildren won more votes than any other project. In another, residents chose to fund a small maternity waiting room next to a health centre.',
      '"People argue about which project matters most, and that argument is healthy," said Lucia Ferraz, a council official who oversaw the process. "At the end they understand why the money cannot do everything."',
      'The councils must complete the winning projects within 12 months and report on progress at public meetings. The ministry told {agency} it would decide next year whether to extend the model to other municipalities.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: health
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'health',
    extraSectors: ['social-gender'],
    headline: 'New Maternity Wing Opens at District Hospital in {country}',
    standfirst:
      'A maternity wing with 60 beds, two operating theatres and a newborn care unit has opened at a district hospital in {country}. It serves a population of about 400,000 people.',
    paragraphs: [
      'A new maternity wing with 60 beds, two operating theatres and a special care unit for newborns opened this week at a district hospital in {country} that serves around 400,000 people, health officials said. Until now, women needing a caesarean section had to be transferred to a regional hospital up to three hours away by road.',
      'The 3.6 million dollar building was financed by the health ministry and the Evenlight Maternal Health Fund, a charitable foundation. It includes a waiting home where women from distant villages can stay in the final weeks of pregnancy.',
      'The hospital has recruited 24 additional midwives and nurses and two obstetricians. "Every hour matters in an obstructed labour," said Dr Aisha Karimi, the hospital\'s medical director. "We can now operate here, on site, within 30 minutes of a decision."',
      'The newborn unit has 12 incubators and can provide oxygen and phototherapy for jaundice. Staff will also train mothers of small babies in kangaroo care, in which a baby is held skin to skin for long periods.',
      'About 5,200 births take place each year at the hospital, the district health office told {agency}, and officials expect the number to rise as more women choose to deliver there.',
    ],
  },
  {
    kind: 'news',
    sector: 'health',
    headline: 'Measles Catch-Up Campaign in {country} Vaccinates 870,000 Children',
    standfirst:
      'A two-week catch-up campaign in {country} has vaccinated about 870,000 children against measles and rubella in 22 districts, health officials said. Teams reached 94 percent of the children targeted.',
    paragraphs: [
      'Health workers in {country} vaccinated about 870,000 children aged nine months to 14 years against measles and rubella during a two-week catch-up campaign in 22 districts, reaching 94 percent of the children targeted, the health ministry said in {capital}. The campaign was planned after an increase in reported measles cases in several districts last year.',
      'More than 4,500 vaccinators and volunteers worked from clinics, schools, markets and temporary posts, and mobile teams visited remote settlements. Children also received vitamin A supplements and were screened for malnutrition, with 3,100 referred for treatment.',
      '"We went house to house in the areas where routine coverage was lowest," Dr Teresa Lindo, who heads the ministry\'s immunisation unit, told {agency}. "Mothers\' groups and religious leaders helped us more than any poster could."',
      'Independent monitors visited a sample of households after the campaign to verify coverage by checking finger markings and vaccination cards. Districts where coverage fell below 90 percent will receive follow-up visits next month.',
      'Officials said the next task was to strengthen routine vaccination so that catch-up campaigns become less necessary, including by extending clinic hours and recruiting more community health workers.',
    ],
  },
  {
    kind: 'news',
    sector: 'health',
    extraSectors: ['technology'],
    headline: 'Video Link Lets Rural Doctors in {country} Consult Specialists',
    standfirst:
      'Doctors at 18 district hospitals in {country} can now consult specialists at the national referral hospital by video. More than 2,700 consultations took place in the first six months, avoiding many costly transfers.',
    paragraphs: [
      'Doctors and clinical officers at 18 district hospitals in {country} have carried out more than 2,700 video consultations with specialists at the national referral hospital in {capital} in the six months since a telemedicine network was launched, hospital officials said. In about 60 percent of cases, patients were treated locally rather than transferred.',
      'The network links each district hospital to a consultation room staffed by rotating specialists in paediatrics, internal medicine, dermatology and radiology. District staff can share X-rays, laboratory results and photographs of skin conditions before a call.',
      "Transfers to the capital can cost a family several weeks' income in transport and lodging, officials said. The hospitals estimate that the avoided transfers saved patients about 310,000 dollars in the first six months.",
      '"A young doctor in a district hospital may be the only doctor for 100,000 people. Having a specialist on screen gives them confidence," said Dr Ines Carvalho-Mbah, who coordinates the network.',
      'The network cost 1.4 million dollars, including equipment and satellite links for hospitals without fibre connections. The health ministry plans to add mental health and maternal health specialists to the rota next year.',
    ],
  },
  {
    kind: 'news',
    sector: 'health',
    headline: 'Pharmacies in {country} Screen 48,000 Adults for High Blood Pressure',
    standfirst:
      'A screening programme in {country} has checked the blood pressure of 48,000 adults at neighbourhood pharmacies, finding that nearly one in four had raised readings. Most of them did not know they had the condition.',
    paragraphs: [
      'Community pharmacies taking part in a screening programme in {country} have measured the blood pressure of about 48,000 adults over the past year and found that 23 percent had raised readings, according to results presented at a medical conference in {capital}. Two-thirds of those with high blood pressure said they had never been told they had the condition.',
      'The programme trained 260 pharmacists and pharmacy assistants to take readings, record them on a simple app and refer people with high readings to public clinics. Screening is free, and people who are referred receive a card that gives them priority at the clinic.',
      'Of those referred, 58 percent attended a clinic within a month, and most of them began treatment. Organisers said follow-up text messages and calls from pharmacists helped increase the number who kept their appointments.',
      '"People visit a pharmacy far more often than a clinic. It is the obvious place to catch this silent condition early," said Dr Selin Aydemir, a cardiologist who advised on the programme.',
      'The health ministry said it would consider adding diabetes screening and recognising pharmacies as formal partners in its plan for non-communicable diseases. Organisers told {agency} that more than 900 pharmacies had asked to join.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: science and environment
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'science-environment',
    headline: 'Survey Records 212 Bird Species at Wetland in {country}',
    standfirst:
      'A year-long survey at a wetland in {country} has recorded 212 bird species, including 14 never before documented at the site. Researchers say the findings support a proposal to give the area protected status.',
    paragraphs: [
      'Researchers and volunteer birdwatchers recorded 212 bird species during a year-long survey of a wetland in {country}, including 14 species that had not previously been documented at the site and six considered threatened, the team said in a report published in {capital}. The findings support a proposal to designate the wetland as a protected area.',
      'The survey, led by the Wetland Watch Network, a research group based at a national university, combined monthly counts along fixed routes with sound recorders that captured bird calls at night. More than 150 volunteers, including students and local fishers, took part.',
      '"Wetlands are often seen as wasteland waiting to be drained. This survey shows how much life depends on them," said Dr Miriam Castell, the ornithologist who led the team.',
      'The report also found that the wetland filters runoff from nearby farms and stores water that helps keep wells full during dry spells. It recommends limits on drainage and sand extraction, and support for the fishing and reed-harvesting communities that depend on the area.',
      'Environment officials told {agency} that the proposal would be reviewed by a national committee later this year, following consultations with the 23 communities living around the wetland.',
    ],
  },
  {
    kind: 'news',
    sector: 'science-environment',
    extraSectors: ['urban-development'],
    headline: 'Low-Cost Sensors Map Air Pollution Across {capital}',
    standfirst:
      'A network of 75 low-cost air quality sensors is giving residents of {capital} hourly readings of fine particle pollution for the first time. Early data show pollution peaks during the morning rush and evening cooking hours, researchers in {country} said.',
    paragraphs: [
      'Researchers in {country} have installed 75 low-cost air quality sensors across {capital}, giving residents hourly readings of fine particle pollution on a public website and phone app for the first time. Early data show that levels of fine particles peak during the morning rush hour and again in the evening, when many households cook and burn waste.',
      'The sensors, each costing about 250 dollars, are mounted on schools, clinics and shops and report readings over the mobile network. Their accuracy is checked against two reference-grade monitors operated by the national environment agency.',
      'In the first three months, the highest readings were recorded near a busy bus terminal and in a neighbourhood next to a municipal waste site. Readings were lowest near parks and on the edges of the city.',
      '"Until now, people could see and smell the pollution, but nobody could say how bad it was or where," said Dr Leyla Nassar, an atmospheric scientist who leads the project at the university. "Data is the first step towards doing something about it."',
      'City officials said the readings would inform a plan to improve waste collection and restrict open burning. The team plans to add 50 sensors next year and to publish a monthly air quality bulletin, it told {agency}.',
    ],
  },
  {
    kind: 'news',
    sector: 'science-environment',
    extraSectors: ['water-sanitation'],
    headline: 'Community Flood Warning System Gives {country} Villages Hours of Notice',
    standfirst:
      'River gauges and volunteer networks in {country} now send flood alerts by text message and loudspeaker to 64 riverside villages. During recent heavy rains, warnings arrived up to nine hours before the water peaked.',
    paragraphs: [
      "A community flood warning system that combines automatic river gauges with networks of trained volunteers now covers 64 riverside villages in {country}, and during heavy rains last month it gave residents up to nine hours' notice before water levels peaked, according to the national hydrology department. Alerts are sent by text message, announced over loudspeakers at schools and places of worship, and relayed by volunteers on bicycles.",
      'The 11 gauges measure river levels every 15 minutes and transmit readings to a control room in {capital}, where hydrologists compare them with rainfall forecasts. When levels cross set thresholds, alerts go automatically to village committees.',
      'During the most recent floods, about 14,000 people moved to higher ground or to designated shelters before their homes were inundated, and no deaths were reported in the covered villages, officials said. Families had time to move livestock, seed stocks and documents.',
      '"Last time, the water came at night and we lost everything. This time we heard the warning in the afternoon," said Fatima Noor, a volunteer in one of the villages.',
      'The system cost about 760,000 dollars to build. The hydrology department told {agency} it hoped to extend it to another 90 villages downstream over the next two years, subject to funding.',
    ],
  },
  {
    kind: 'news',
    sector: 'science-environment',
    extraSectors: ['agriculture-forestry'],
    headline: 'Study Finds Wild Bees Boost Smallholder Harvests in {country}',
    standfirst:
      'Farms near patches of natural vegetation in {country} produce up to a quarter more beans, pumpkins and fruit thanks to wild pollinators, a three-year study has found. Researchers urge farmers to keep hedgerows and flowering strips.',
    paragraphs: [
      'Smallholder farms in {country} that lie within 500 metres of patches of natural vegetation produce up to 25 percent more beans, pumpkins and fruit than farms further away, largely thanks to visits from wild bees and other pollinators, according to a three-year study published by researchers at a university in {capital}.',
      'The team monitored 96 farms across four districts, counting insect visits to crop flowers and weighing harvests. They identified 73 species of bees, as well as flies, butterflies and beetles that help pollinate crops.',
      'Yields fell sharply on farms where the surrounding bush had been cleared and where broad-spectrum insecticides were sprayed during flowering, the study found. "Pollinators are a free service that farmers can lose without noticing," said Dr Rosa Lindqvist, an ecologist who led the research.',
      'The researchers recommend leaving strips of flowering plants and hedgerows along field edges, and spraying pesticides only in the evening, when fewer bees are active. They are working with extension officers on a set of short videos for farmers.',
      'Agriculture officials said the findings would be included in training materials for extension workers. The study was funded by a national research council grant of about 290,000 dollars.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: social affairs and gender
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'social-gender',
    extraSectors: ['law-governance'],
    headline: 'Joint Land Titles Give 26,000 Women in {country} a Share of Family Farms',
    standfirst:
      "A land registration programme in {country} has issued joint titles to about 26,000 married couples, naming wives as co-owners of family land. Women's groups say it will help protect widows from losing their homes.",
    paragraphs: [
      "A land registration programme in {country} has issued joint certificates to about 26,000 married couples in six districts, naming wives as co-owners of family farmland alongside their husbands, officials said. Women's rights groups said the change would help protect widows and divorced women from losing their homes and fields.",
      'Under previous practice, land was usually registered only in the name of the male head of household. The programme, run by the lands ministry with paralegals from the Equal Ground Legal Network, held village meetings to explain joint registration before surveying plots.',
      '"When my first husband died, his brothers said the land was theirs. Many women in my village lost everything that way," said Monica Temba, 52, who received a joint certificate with her second husband last year. "Now my name is on the paper."',
      'Registration costs about 12 dollars per plot, covered by the programme for the first two years. Officials said the share of certificates naming women as owners or co-owners in the participating districts had risen from 14 percent to 61 percent.',
      'Paralegals said some husbands had resisted the idea at first, and that continued community education would be needed. The ministry in {capital} told {agency} it would extend the programme to four more districts next year.',
    ],
  },
  {
    kind: 'news',
    sector: 'social-gender',
    extraSectors: ['urban-development'],
    headline: 'Accessibility Upgrades Reach 300 Public Buildings in {country}',
    standfirst:
      'Ramps, accessible toilets and tactile paving have been installed at 300 public buildings in {country} under a programme shaped by organisations of people with disabilities. A further 450 buildings are due to be upgraded.',
    paragraphs: [
      'Ramps, handrails, accessible toilets and tactile paving have been installed at 300 public buildings in {country}, including district offices, clinics, courts and schools, under a programme designed with organisations of people with disabilities, officials said in {capital}. A further 450 buildings are due to be upgraded over the next three years.',
      'Each building was assessed by a team that included a wheelchair user, a blind person and a deaf person, who checked entrances, counters, signs and toilets. The average cost of the upgrades was about 8,500 dollars per building.',
      '"The first ramp they built was too steep, and we told them. The second one was right," said Thomas Ngwenya-Hale, a wheelchair user who chairs a regional association of people with disabilities. "That is what happens when we are part of the process."',
      'Staff at the upgraded offices also received training in basic sign language and in guiding blind visitors. Several district offices now keep a portable hearing loop at their main counter.',
      'The programme is funded with 6.2 million dollars from the national budget. Disability groups told {agency} they would monitor whether new public buildings meet accessibility standards from the outset, so that later upgrades are not needed.',
    ],
  },
  {
    kind: 'news',
    sector: 'social-gender',
    headline: 'Monthly Pension Payments Reach 180,000 Older People in {country}',
    standfirst:
      "A social pension for people aged 65 and over in {country} now reaches 180,000 recipients, paid monthly through mobile money or at post offices. A survey found most spend it on food, medicine and grandchildren's schooling.",
    paragraphs: [
      'A non-contributory pension for people aged 65 and over in {country} now reaches about 180,000 older people, who receive the equivalent of 22 dollars a month through mobile money accounts or in cash at post offices, the social welfare ministry said. The scheme was introduced in four regions three years ago and has since been extended to eight.',
      'A survey of 1,500 recipients found that most spent the money on food, medicine and school costs for grandchildren in their care. More than a third said they lived in households where no other adult had a regular income.',
      '"The pension is small, but it arrives every month. That means I can buy on credit at the shop and know I can pay," said Gertrude Nkhoma, 74, who looks after three grandchildren.',
      'The ministry said payment problems, such as lost cards and mobile money agents running out of cash, had been reduced since it introduced a free complaints line. About 94 percent of payments were made on time in the past year, it said.',
      'Advocates for older people have called for the scheme to cover the whole country. Officials in {capital} told {agency} that doing so was being considered as part of the medium-term budget framework.',
    ],
  },
  {
    kind: 'news',
    sector: 'social-gender',
    extraSectors: ['health'],
    headline: 'Domestic Violence Helpline in {country} Extends to 24-Hour Service',
    standfirst:
      'A free helpline for survivors of domestic violence in {country} now operates around the clock, after counsellors took more than 19,000 calls last year. Calls are answered in five languages.',
    paragraphs: [
      'A free telephone helpline for survivors of domestic and gender-based violence in {country} began operating 24 hours a day this week, after counsellors answered more than 19,000 calls last year during daytime hours alone, the non-profit organisation that runs it said. Calls are answered in five languages, and a text-message option is available for callers who cannot speak safely.',
      "The helpline, run by the Lantern Women's Network with funding from the social affairs ministry, employs 38 trained counsellors. It refers callers to police gender desks, shelters, health facilities and legal aid services in every region.",
      "About half of last year's calls came in the evening, shortly before the service closed, counsellors said, which prompted the decision to extend its hours. Around 14 percent of callers were men, some calling on behalf of a relative.",
      '"Many women call just to talk to someone who believes them. That first call can take years to make," said Yasmin Tarek, the helpline\'s coordinator in {capital}.',
      'The organisation said it would use additional funding to open two more regional shelters. Officials told {agency} that training for police officers on handling domestic violence complaints would also be expanded.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: sports
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'sports',
    extraSectors: ['social-gender'],
    headline: "Under-17 Girls' Football League Kicks Off in {country} With 48 Teams",
    standfirst:
      "A national under-17 girls' football league has begun in {country}, with 48 teams from schools and community clubs. Organisers hope it will become a pathway to the women's national team.",
    paragraphs: [
      "A national under-17 girls' football league kicked off this weekend in {country}, with 48 teams from schools and community clubs competing in six regional groups, the national football federation said. Organisers said the league was intended to give talented girls regular competitive matches and a pathway to the women's national team.",
      'Each team will play at least 14 matches over the season, with the top two in each group advancing to finals in {capital}. The federation is covering travel, kits and referee fees from a budget of about 420,000 dollars, funded partly by a telecommunications sponsor.',
      'Every club must have at least one qualified female coach, and the federation has trained 60 women as coaches over the past year. Players also attend workshops on nutrition, injury prevention and reproductive health.',
      '"Girls used to play with the boys until they were 12, and then there was nowhere for them to go," Zainab Harun, the federation\'s head of women\'s football, told {agency}. "Now there is a league, a table and a trophy."',
      'Scouts from the national youth team will attend regional matches, and the federation plans a similar league for under-14 players next year.',
    ],
  },
  {
    kind: 'news',
    sector: 'sports',
    extraSectors: ['social-gender'],
    headline: 'Para-Athletes in {country} Get Their First Dedicated Training Centre',
    standfirst:
      'The first training centre for athletes with disabilities in {country} has opened in {capital}, with an accessible track, a gym and a sports hall. About 120 athletes in nine sports will train there.',
    paragraphs: [
      'The first dedicated training centre for athletes with disabilities in {country} opened in {capital} this week, with an accessible athletics track, a gym, a sports hall for wheelchair basketball and goalball, and residential rooms for 40 athletes. About 120 athletes in nine sports are expected to use it regularly, the national paralympic committee said.',
      'The centre cost about 2.8 million dollars, funded by the sports ministry, a lottery fund and private donors. It was designed with input from athletes, who tested doorways, showers and equipment before the building was finished.',
      '"Before, we trained on a school field and carried our racing chairs on our laps in a minibus," said Isaac Murenzi-Hart, a wheelchair racer. "Here, everything is designed for us. That changes how seriously you can train."',
      'The centre will also run weekend programmes for children with disabilities and train physical education teachers in adapted sport. Coaches said they hoped to find new talent in sports such as sitting volleyball and para-powerlifting.',
      'The paralympic committee said it aimed to send its largest {demonym} team yet to the next regional para-games, {agency} reported.',
    ],
  },
  {
    kind: 'news',
    sector: 'sports',
    extraSectors: ['health'],
    headline: "{capital} Marathon Draws 11,000 Runners and Raises Funds for Children's Ward",
    standfirst:
      "About 11,000 runners took part in the annual city marathon in {capital}, raising around 190,000 dollars for a children's hospital ward in {country}. A secondary school teacher won the women's race.",
    paragraphs: [
      "About 11,000 runners took part in the annual marathon and half-marathon in {capital} on Sunday, raising around 190,000 dollars for the renovation of a children's ward at a public hospital in {country}, organisers said. A 29-year-old secondary school teacher won the women's marathon, the first time a runner from outside the national athletics squad had done so.",
      "Rebecca Ilunga-Ferris crossed the line in 2 hours 36 minutes, while the men's race was won by Tomas Arriaga-Nuñez in 2 hours 14 minutes. A wheelchair race and a 5-kilometre family fun run were held alongside the main events.",
      'The event, organised by the city council and the Running for Life Association, a charity, attracted a record number of women, who made up about 40 percent of participants, up from 28 percent five years ago.',
      '"I train before school every morning. My students were waiting at the finish line with a banner," Ilunga-Ferris said.',
      "Organisers said roads were closed for six hours and that about 600 volunteers and 90 medical staff supported the race. The funds will pay for new beds, oxygen equipment and a play area on the hospital's paediatric ward.",
    ],
  },
  {
    kind: 'news',
    sector: 'sports',
    extraSectors: ['urban-development'],
    headline: 'Refurbished Sports Grounds Reopen in 30 Neighbourhoods of {capital}',
    standfirst:
      'Thirty neighbourhood sports grounds in {capital} have reopened after refurbishment, with new surfaces, lighting and changing rooms. Officials in {country} say 90 newly trained young coaches will run free evening sessions.',
    paragraphs: [
      'Thirty neighbourhood sports grounds in {capital} have reopened after a year-long refurbishment that added new playing surfaces, floodlights, fencing and changing rooms, city officials in {country} said. Ninety young coaches, half of them women, have been trained to run free evening sessions in football, basketball, volleyball and athletics.',
      'Many of the grounds had fallen into disrepair or were being used for parking and dumping rubbish, residents said. The 3.1 million dollar project was funded by the city council and a national sports development fund.',
      'Each ground is managed by a committee of residents, coaches and local youth groups, which sets a timetable reserving certain hours for girls, older people and schools. Private bookings late in the evening help cover maintenance costs.',
      '"Young people need somewhere to go after school that is safe and well lit," said Kevin Lutalo, a youth worker who coaches basketball at one of the grounds. "On the first night we had 200 children and only 40 balls."',
      'City officials told {agency} they would assess the effect on youth participation and neighbourhood safety before deciding whether to refurbish a further 25 grounds.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: transport
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'transport',
    extraSectors: ['agriculture-forestry'],
    headline: 'Upgraded Rural Roads Halve Travel Times to Markets in {country}',
    standfirst:
      'About 420 kilometres of rural feeder roads have been upgraded in {country}, cutting travel times to markets and clinics by around half. Much of the work was done by local labour teams.',
    paragraphs: [
      'About 420 kilometres of rural feeder roads in {country} have been regraded, drained and surfaced with gravel over the past two years, cutting travel times to markets, schools and health centres by around half, according to the rural roads authority. Much of the work was carried out by local labour teams recruited from villages along the routes.',
      'The 19 million dollar programme employed about 6,500 people for an average of 80 days each, with at least 40 percent of jobs reserved for women. Workers were paid weekly and received training in road maintenance.',
      'A survey along the upgraded roads found that the cost of transporting a 50-kilogram bag of produce to the nearest market fell by about a third, and that more minibuses and motorcycle taxis now served the villages.',
      '"Before, in heavy rain a motorbike could not pass, and a pregnant woman had to be carried to the clinic," said Ahmed Sow-Larbi, a village elder along one of the routes. "Now the ambulance can come to us."',
      'The authority told {agency} that maintenance committees had been set up for each road, funded by a share of fuel levy revenue, to stop the routes from deteriorating again.',
    ],
  },
  {
    kind: 'news',
    sector: 'transport',
    extraSectors: ['urban-development'],
    headline: 'Dedicated Bus Lane Cuts Commuting Times in {capital} Pilot',
    standfirst:
      'A six-kilometre dedicated bus lane in {capital} has cut average journey times on one of the busiest routes in {country} by 35 percent. About 60,000 passengers a day now use the corridor.',
    paragraphs: [
      'A six-kilometre dedicated bus lane opened in {capital} three months ago has reduced average journey times along one of the busiest commuter routes in {country} by about 35 percent, the city transport authority said. Around 60,000 passengers a day now use the buses on the corridor.',
      'The pilot separated the lane from general traffic with low kerbs and introduced 18 raised stations with level boarding and ticket machines. Minibus operators that previously served the route were invited to form a company to run the new larger buses, and 140 former minibus drivers were retrained.',
      'Passengers surveyed by the authority said the main improvements were reliability and safety, although many complained of crowding at peak hours. The authority said 20 more buses would be added by the end of the year.',
      '"I used to leave home at five in the morning to be at work by eight. Now I leave at half past six," said Priscilla Addo-Meyer, a hospital cleaner who uses the route every day.',
      'City officials told {agency} they were preparing designs for two further corridors but that funding had not yet been confirmed. The pilot cost about 27 million dollars, including road works and stations.',
    ],
  },
  {
    kind: 'news',
    sector: 'transport',
    extraSectors: ['health'],
    headline: 'Motorcycle Taxi Riders in {country} Trained in Road Safety and First Aid',
    standfirst:
      "About 8,000 motorcycle taxi riders in {country} have completed a road safety and first-aid course and received certified helmets for themselves and their passengers. Riders' associations say crashes among members have fallen.",
    paragraphs: [
      "About 8,000 motorcycle taxi riders in {country} have completed a five-day course in road safety, traffic rules and basic first aid, and each received two certified helmets, one for the rider and one for passengers, under a programme run by riders' associations and the national road safety agency. Association leaders said reported crashes among trained members had fallen by about a quarter.",
      'Motorcycle taxis provide jobs for many young people and are an essential means of transport in towns and villages, but riders and passengers account for a large share of road injuries, according to the road safety agency.',
      'The course includes practical riding tests, lessons on carrying passengers and loads safely, and first-aid training so that riders can help at crash scenes. Riders who complete it receive a reflective vest with a registration number.',
      '"Passengers now ask for the rider with the vest. It has become good for business," Emmanuel Keita-Boateng, who chairs a riders\' association in a regional town, told {agency}.',
      'The programme, which costs about 95 dollars per rider including helmets, aims to reach 20,000 riders over the next two years. Officials in {capital} said they were also discussing lower insurance premiums for trained riders.',
    ],
  },
  {
    kind: 'news',
    sector: 'transport',
    extraSectors: ['education'],
    headline: 'Safer Crossings Installed Outside 150 Schools in {country}',
    standfirst:
      'Raised crossings, speed humps and painted school zones have been installed outside 150 schools in {country} after a road safety assessment. Monitoring shows average vehicle speeds near the schools fell by a third.',
    paragraphs: [
      'Raised pedestrian crossings, speed humps, signs and painted school zones have been installed outside 150 primary and secondary schools in {country}, following a road safety assessment that identified the most dangerous locations, the transport ministry said in {capital}. Monitoring at 40 of the schools showed that average vehicle speeds during school hours fell from 52 to 34 kilometres per hour.',
      'The assessment, carried out with the Safe Steps Road Safety Trust, a charity, used speed cameras and observations of how children crossed roads on their way to and from school. Schools next to highways and busy market roads were given priority.',
      'Each school also has trained crossing wardens, usually parents or older students, equipped with reflective jackets and stop signs. Teachers have added road safety lessons to the first three years of primary school.',
      '"Parents used to walk their children to the gate every day because they were afraid of the traffic," said Adwoa Sarpong-Reid, head teacher at one of the schools. "Now some of the older children come on their own."',
      'The measures cost an average of 14,000 dollars per school. The ministry told {agency} it would include school zone designs in the standard plans for all new roads.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: urban development
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'urban-development',
    extraSectors: ['water-sanitation'],
    headline: 'Upgrading Brings Drains and Street Lights to Informal Settlements in {capital}',
    standfirst:
      'Paved footpaths, drainage channels and solar street lights are being installed in four informal settlements of {capital}, home to about 85,000 people. Residents in {country} chose the priorities through neighbourhood committees.',
    paragraphs: [
      'Paved footpaths, covered drainage channels, solar street lights and communal water points are being installed in four informal settlements in {capital} that are home to about 85,000 people, under a 12 million dollar upgrading programme led by the city council, officials in {country} said. Work in the first two settlements is expected to be completed by the end of the year.',
      'Residents chose the priorities through elected neighbourhood committees, which walked the streets with council engineers to map flooding points, dark alleys and places where rubbish collected. About 1,100 residents have been employed on the works.',
      'The programme has avoided large-scale demolitions by adjusting the routes of drains and paths around existing homes. Where structures had to be moved, owners received compensation or a plot nearby, the council said.',
      '"When it rained, the water came into our houses and brought rubbish with it," said Joyce Amponsah, who runs a small shop in one of the settlements. "Now the drain takes it away, and the street light means my customers come in the evening."',
      'The council told {agency} it was also working with residents to register occupancy rights, a step that could make households eligible for home improvement loans.',
    ],
  },
  {
    kind: 'news',
    sector: 'urban-development',
    extraSectors: ['economy-business'],
    headline: 'Affordable Housing Project Hands Over First 800 Homes in {country}',
    standfirst:
      'The first 800 homes in an affordable housing project near {capital} have been handed over to buyers, most of them teachers, nurses and other salaried workers in {country}. Monthly repayments are capped at a quarter of household income.',
    paragraphs: [
      'The first 800 homes in an affordable housing development on the outskirts of {capital} were handed over to buyers this week, most of them teachers, nurses, police officers and other salaried workers, the national housing agency in {country} said. The development will eventually include 3,200 flats and houses, along with a school, a health centre and a market.',
      'Buyers pay a deposit of 5 percent and a monthly instalment capped at 25 percent of household income over 20 years, under a mortgage scheme backed by a public guarantee fund. The cheapest units, one-bedroom flats of 38 square metres, cost about 19,000 dollars.',
      'The project uses locally made compressed earth blocks and standard designs to keep costs down, and the housing agency said construction costs were about 20 percent lower than for conventional buildings. Roofs are fitted with solar water heaters.',
      '"We rented one room for nine years. Today my children have a bedroom of their own," said Nadia Haidari, a primary school teacher who received the keys to a two-bedroom flat.',
      'Housing advocates welcomed the project but noted that the deposit and income requirements exclude most workers in the informal economy. The agency told {agency} it was designing a rent-to-own option for households without regular payslips.',
    ],
  },
  {
    kind: 'news',
    sector: 'urban-development',
    extraSectors: ['economy-business'],
    headline: 'Street Traders Move Into New Covered Market in {capital} After Consultation',
    standfirst:
      "About 1,400 street traders in {capital} have moved into a new covered market designed with vendors' associations. Stall rents in the {country} project are set at about 6 dollars a month, and the market includes a childcare room.",
    paragraphs: [
      "About 1,400 street traders in {capital} have moved into a new covered market with stalls, storage lockers, toilets and a childcare room, after two years of talks between the city council and vendors' associations, officials in {country} said. Stall rents have been set at about 6 dollars a month for the first three years.",
      'The market, built on the site of a former bus depot close to the main commuter routes, was designed after traders pointed out that earlier markets had failed because they were too far from customers. Stalls were allocated by a public lottery overseen by the associations.',
      '"We were part of every meeting, from where the gates would be to how wide the aisles are," said Mariam Kassim, who chairs the largest vendors\' association. "If we had not been, we would not be here now."',
      'The market has a small clinic, a mobile money kiosk and a day-care room for 40 children, run by trained carers. The council said it had also designated some nearby pavements as licensed trading zones for vendors who prefer to stay on the street.',
      'The project cost about 4.5 million dollars. Council officials told {agency} they planned to use the same consultation process for two further markets.',
    ],
  },
  {
    kind: 'news',
    sector: 'urban-development',
    extraSectors: ['science-environment'],
    headline: "Waste Pickers' Cooperative Signs Recycling Contract With {capital} Council",
    standfirst:
      'A cooperative of 600 waste pickers in {capital} has signed a contract with the city to collect and sort recyclables from 40,000 households. Officials in {country} say members will receive protective equipment and a guaranteed monthly fee.',
    paragraphs: [
      'A cooperative of about 600 waste pickers has signed a three-year contract with the city council in {capital} to collect recyclable materials from 40,000 households and sort them at two council-owned centres, officials in {country} said. Members will receive protective clothing, health insurance and a guaranteed monthly fee in addition to income from selling the sorted materials.',
      "Households in participating neighbourhoods have been given two bags, one for recyclables and one for other waste, and are visited weekly by cooperative members with handcarts and small trucks. The council estimates the scheme will divert about 9,000 tonnes of waste a year from the city's landfill.",
      'Waste pickers have long recovered plastic, metal, glass and paper from streets and dump sites, often without protective equipment and at prices set by middlemen. The cooperative will sell directly to recycling firms, which members say should raise their income by about 40 percent.',
      '"We have been cleaning this city for years. Today it says so in a contract," said Pedro Almada, the cooperative\'s president.',
      'The contract is worth about 380,000 dollars a year. The council told {agency} it would evaluate the scheme after 12 months and could extend it to other districts.',
    ],
  },

  // ---------------------------------------------------------------------------
  // News: water and sanitation
  // ---------------------------------------------------------------------------
  {
    kind: 'news',
    sector: 'water-sanitation',
    extraSectors: ['energy-extractives'],
    headline: 'Solar-Powered Boreholes Restore Water to Drought-Hit Villages in {country}',
    standfirst:
      'Twenty-six villages in {country} affected by drought now have reliable water from solar-powered boreholes, replacing hand pumps that had run dry. About 38,000 people benefit.',
    paragraphs: [
      'Twenty-six villages in {country} that were hit hard by drought over the past two years now have a reliable water supply from deep boreholes fitted with solar-powered pumps, replacing shallow wells and hand pumps that had dried up, the water ministry in {capital} said. About 38,000 people and their livestock benefit from the new systems.',
      'Each system pumps water to an elevated tank, which feeds public taps and a separate trough for animals. Before construction, women in the villages walked an average of two hours a day to fetch water, according to a baseline survey.',
      'Village water committees collect a small fee, about 0.05 dollars per 20-litre container, to pay for maintenance and a caretaker. Committee members received training in bookkeeping and basic repairs, and a district technician is on call for larger faults.',
      '"The children are in school in the morning now, not at the well," Habiba Warsame, who chairs one village water committee, told {agency}.',
      'The programme cost about 3.9 million dollars. Officials said hydrogeological surveys had been carried out to make sure the boreholes draw on aquifers that can sustain the extraction, and water levels will be monitored every month.',
    ],
  },
  {
    kind: 'news',
    sector: 'water-sanitation',
    extraSectors: ['education'],
    headline: "Girls' Attendance Rises as {country} Upgrades School Toilets",
    standfirst:
      'New toilet blocks and handwashing stations have been built at 320 schools in {country}, with separate facilities for girls. Head teachers report fewer absences, especially among older girls.',
    paragraphs: [
      'New toilet blocks with separate cubicles for girls and boys, handwashing stations and rainwater tanks have been built at 320 primary and secondary schools in {country} over the past two years, and head teachers report fewer absences, particularly among older girls, according to a review by the education ministry and the Open Tap Schools Partnership.',
      "The girls' blocks include a private washroom with water and a disposal bin for sanitary pads. In schools that received the upgrades, absences among girls aged 12 to 16 fell from an average of 3.1 days to 1.7 days per month, the review found.",
      'Each school has a hygiene club of pupils who check that soap and water are available, and a maintenance fund to which parents contribute about 1 dollar per term. Schools that used to rely on a few latrines shared by hundreds of pupils now have one toilet for every 40 students.',
      '"Before, older girls stayed at home for several days each month. Now they have privacy and water," said Ruth Kapinga, a teacher who runs the hygiene club at one school.',
      'The programme cost 7.6 million dollars. The ministry in {capital} told {agency} that new school buildings would be required to include water and sanitation facilities meeting the same standard.',
    ],
  },
  {
    kind: 'news',
    sector: 'water-sanitation',
    extraSectors: ['urban-development'],
    headline: 'Prepaid Water Kiosks Bring Cheaper Tap Water to Low-Income Areas of {capital}',
    standfirst:
      'The water utility in {capital} has installed 210 prepaid kiosks in low-income neighbourhoods, letting residents buy tap water at the official tariff. Water officials in {country} say about 150,000 people now use them.',
    paragraphs: [
      'The public water utility in {capital} has installed 210 prepaid water kiosks in low-income neighbourhoods, where about 150,000 residents can now buy piped water at the official tariff using a token card, water officials in {country} said. Many of those residents previously bought water from handcart vendors at up to five times the price.',
      'Customers tap a card on the kiosk to dispense water and top up their credit through mobile money or at nearby shops. A 20-litre container costs about 0.02 dollars, and each household receives a free allowance of 50 litres a month.',
      'The kiosks are open 24 hours a day and do not need an attendant, which the utility said had reduced disputes over payment and the unofficial resale of water. Revenue from the kiosks covered their operating costs within the first year.',
      '"I spent almost a fifth of my income on water. Now it is less than a twentieth," said Lydia Morales-Banda, a mother of four in one of the neighbourhoods.',
      'Some residents said kiosks sometimes ran dry during supply interruptions. The utility told {agency} it was installing storage tanks at the busiest sites and planned 120 more kiosks next year.',
    ],
  },
  {
    kind: 'news',
    sector: 'water-sanitation',
    extraSectors: ['health'],
    headline: 'Emergency Water Teams Reach 60,000 Flood-Affected People in {country}',
    standfirst:
      'Emergency teams in {country} have distributed water purification tablets, jerrycans and hygiene kits to about 60,000 people affected by floods. No cholera cases have been confirmed in the affected districts.',
    paragraphs: [
      'Emergency teams in {country} have distributed water purification tablets, jerrycans, soap and hygiene kits to about 60,000 people affected by floods in five districts over the past two weeks, and have repaired or disinfected 140 contaminated wells, the national disaster management agency said in {capital}. No cases of cholera have been confirmed in the affected areas, officials said.',
      'The floods, which followed several days of heavy rain, damaged an estimated 9,000 homes and forced families into schools and community halls used as temporary shelters. Health officials said clean water and sanitation in the shelters were the immediate priority to prevent outbreaks of waterborne disease.',
      'Teams have installed 35 water tanks and 220 emergency latrines at shelter sites and trained volunteers to run hygiene sessions on safe water storage and handwashing. Mobile treatment units are producing about 180,000 litres of drinking water a day.',
      '"The first thing people asked for was not food but clean water for the children," Miriam Soto, who coordinates the water response for the Riverside Relief Network, told {agency}.',
      'Officials said the disinfection of wells and repair of damaged water points would continue as the water recedes. Families returning home will receive a further supply of purification tablets.',
    ],
  },

  // ---------------------------------------------------------------------------
  // Opinion
  // ---------------------------------------------------------------------------
  {
    kind: 'opinion',
    sector: 'agriculture-forestry',
    extraSectors: ['economy-business'],
    headline: 'Farmers in {country} Need Storage as Much as They Need Seed',
    standfirst:
      'Programmes that help farmers grow more often ignore what happens after the harvest. In {country}, as elsewhere, a good storage bin can be worth as much as a bag of improved seed, argues Miriam Odhiambo-Reyes.',
    author: 'Miriam Odhiambo-Reyes',
    paragraphs: [
      'Every planting season brings a familiar round of announcements: subsidised fertiliser, improved seed, new advice on spacing and weeding. These are useful. But in {country}, as in much of the world, a large share of what farmers grow never reaches a plate or a market in good condition.',
      'Grain is eaten by insects and rodents, spoiled by damp or sold in a hurry at the lowest price of the year because the family has nowhere safe to keep it. Estimates vary, but losses of 15 to 20 percent between the field and the market are common for cereals, and higher still for fruit and vegetables.',
      'The solutions are not glamorous. Airtight bags that cost a couple of dollars each, metal silos built by local artisans, drying tarpaulins, shared cold rooms at market centres. They rarely feature in ribbon-cutting ceremonies, yet they protect the value of everything else that was invested in the crop.',
      "Storage also changes a farmer's position in the market. A family that can hold its maize or beans for three months can sell when prices recover rather than when the trader's truck arrives. That is not speculation; it is the ordinary financial planning that salaried workers take for granted.",
      'Policy makers in {country} could start by making post-harvest equipment eligible for the same subsidies and credit lines as seed and fertiliser, and by training extension workers to advise on storage as confidently as they advise on planting. Farmer groups, for their part, can pool resources to build shared stores and negotiate as one.',
      'Growing more food is only half the job. Keeping it is the other half, and it deserves equal attention.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'education',
    headline: 'Let Children in {country} Learn to Read in the Language They Speak at Home',
    standfirst:
      'Children learn to read faster in a language they already understand. Schools in {country} should start there and build towards the official language, argues Tomas Vieira-Lund.',
    author: 'Tomas Vieira-Lund',
    paragraphs: [
      'Imagine being asked to learn to read in a language you barely understand, while your teacher also expects you to follow lessons in mathematics and science in that same language. For millions of children around the world, including many in {country}, that is the first experience of school.',
      'The evidence on what happens next is consistent. Children who begin reading in a familiar language learn to decode words faster, understand more of what they read, and later transfer those skills to a second language more easily. Children who start in an unfamiliar language often spend years copying from the board without understanding.',
      'The usual objection is practical: there are too many languages, too few books and too few teachers able to teach in each one. These are real constraints, but they are not insurmountable. Pilot programmes have shown that a few hundred graded readers, written by local teachers and printed cheaply, can transform a classroom.',
      'Another objection is that parents want their children to learn the official or international language as quickly as possible, for the jobs it opens up. That is a reasonable wish. The point of home-language teaching is not to delay that goal but to reach it more reliably, by giving children a solid foundation first.',
      '{country} does not need to choose between local languages and the language of opportunity. It needs a clear sequence: start with the language children know, introduce the second language orally, and move to reading in it once the basic skill is secure.',
      'The cost of getting this wrong is paid by every ten-year-old who still cannot read a simple sentence. That is the expense that should worry us most.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'health',
    extraSectors: ['social-gender'],
    headline: 'Community Health Workers in {country} Deserve a Salary, Not Just Thanks',
    standfirst:
      'Community health workers are often the first and only contact many families have with the health system. Relying on volunteers is unfair and fragile, writes Rahel Tesfamariam-Jones, and {country} should pay them properly.',
    author: 'Rahel Tesfamariam-Jones',
    paragraphs: [
      'In villages across {country}, the first person to see a feverish child, a pregnant woman with swollen ankles or an elderly man who has stopped taking his medicine is often not a nurse or a doctor. It is a community health worker, usually a woman, often a volunteer, who knows every household by name.',
      'These workers register births, track immunisations, treat common illnesses, refer emergencies and carry health messages into homes that clinics rarely reach. During outbreaks, they are the backbone of contact tracing and vaccination campaigns.',
      'Yet many receive only a small allowance, irregular incentives or nothing at all. They buy their own phone credit, walk long distances in their own shoes and are expected to balance this work with farming, trading and caring for their own families.',
      'Volunteering has its place, but a health system that depends on unpaid labour is fragile. When allowances stop, workers drift away, training is lost and communities that had come to rely on them are left without care. Turnover becomes a hidden cost that rarely appears in budgets.',
      'Paying community health workers a modest, regular salary, with supervision, supplies and a clear career path, is not a luxury. Studies in several countries suggest that such programmes pay for themselves by preventing hospital admissions and catching problems early.',
      'Decision makers in {country} and their partners should treat these workers as part of the health workforce, with contracts, pay scales and protections. They have earned it many times over.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'energy-extractives',
    headline: 'Mini-Grids Will Only Grow in {country} if the Rules Let Them',
    standfirst:
      'Solar mini-grids can bring power to villages years before the main grid arrives. But investors need clear rules on licensing, tariffs and grid arrival, argues Lucas Mwangaza, and {country} can provide them.',
    author: 'Lucas Mwangaza',
    paragraphs: [
      'Solar mini-grids have moved from experiment to established option for bringing electricity to villages far from the national grid. The technology is proven, costs have fallen sharply, and developers in {country} and elsewhere know how to build and run them. The question now is whether the rules will let them grow.',
      'Investors in mini-grids face a simple but serious worry: what happens when the main grid arrives? Without a clear answer, a developer that has spent years building a customer base could see its assets stranded overnight. That risk is priced into every loan, pushing up tariffs for the very households the projects aim to serve.',
      'Clear rules on grid arrival, such as a fair buy-out formula or the option to become a licensed distributor, remove much of that uncertainty. So do standard licensing procedures with fixed timelines, so that a small project does not spend more on paperwork than on panels.',
      'Tariffs are another sticking point. Mini-grid electricity costs more to produce than power from a large central plant, and asking developers to charge the national tariff without compensation makes projects unviable. Results-based grants that reward each connection can close that gap transparently.',
      'None of this requires {country} to abandon its plans for the national grid. The two approaches complement each other: mini-grids can reach communities years earlier, build up demand and eventually connect.',
      'The households waiting for electricity do not much mind which wire brings it. What they need is a regulatory framework that treats mini-grids as part of the plan, not as an afterthought.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'urban-development',
    extraSectors: ['economy-business'],
    headline: '{capital} Should Plan for Its Street Traders, Not Against Them',
    standfirst:
      'Street trading is part of how cities like {capital} work. Planners in {country} will get better results by designing space for vendors than by trying to clear them, argues Beatriz Anane.',
    author: 'Beatriz Anane',
    paragraphs: [
      'Walk through the centre of almost any fast-growing city and you will find them: rows of vendors selling fruit, phone credit, clothes and cooked food, often on pavements that were designed for something else. In {capital}, as in many other capitals, street trading is not a problem on the edge of the economy. For many households, it is the economy.',
      'Periodic efforts to clear vendors from city streets tend to follow a familiar pattern. Stalls are removed, traders lose stock and income, and within weeks many return because the customers are still there. Money is spent on enforcement, and little changes.',
      'The alternative is to plan with traders. That means counting them, understanding where and when they sell, and designing markets and licensed trading zones close to the flow of people rather than on the outskirts where nobody goes.',
      'It also means basic services: toilets, water, lighting, storage and childcare. Many traders are women who bring their children to work because they have no alternative. A market with a day-care room is not a luxury; it is what makes the market usable.',
      "Cities that have taken this approach have found that traders are willing to pay modest fees for secure space, and that organised vendors' associations can help keep streets clean and passable. Money that once disappeared into informal payments can instead fund maintenance.",
      'The goal should be streets that work for pedestrians, drivers and traders alike. Getting there in {country} means treating vendors as residents with a stake in the city, not as obstacles to be moved.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'law-governance',
    extraSectors: ['economy-business'],
    headline: 'Open Contracting Costs {country} Less Than the Alternative',
    standfirst:
      'Publishing public contracts in full is sometimes seen as an administrative burden. For {country}, it is one of the cheapest ways to get better value from public money, writes Idris Lemaire.',
    author: 'Idris Lemaire',
    paragraphs: [
      'Governments everywhere spend a large share of their budgets through contracts: for roads, medicines, school desks, computers and consultancy. Small improvements in how that money is spent add up to very large sums.',
      'Open contracting, the practice of publishing information at every stage of the process from planning to payment, is one of the simplest tools available. When tender notices, bids, awards, contracts and amendments are online and searchable, more companies compete and prices tend to fall.',
      'Critics argue that publishing everything is expensive and slows procurement down. In practice, most of the information already exists in digital form somewhere in the system. The main cost is agreeing on a standard format and making it public, which is modest compared with the potential savings.',
      'Transparency also protects honest officials. A procurement officer who can point to a public record showing why a contract was awarded is in a stronger position than one whose decisions sit in a filing cabinet.',
      'For {country}, the opportunity is to go beyond publishing contract awards and include implementation data: inspection reports, payment schedules and completion certificates. That is where citizens can check whether the road that was paid for was actually built.',
      'Open contracting is not a cure-all. But it is a rare reform that saves money, builds trust and costs relatively little. That combination should be hard to resist.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'water-sanitation',
    headline: 'Fix the Pumps in {country} Before Drilling New Boreholes',
    standfirst:
      'Across rural {country}, broken water points are a quieter problem than missing ones. Investing in maintenance would bring water to more people for less money, argues Elias Baraka.',
    author: 'Elias Baraka',
    paragraphs: [
      "Drilling a new borehole makes for a good photograph: the gushing water, the smiling children, the plaque with the donor's name. Repairing a broken pump does not. That imbalance goes some way to explaining why, in many countries, a significant share of rural water points are not working at any given time.",
      'In {country}, district water officers and village committees know the pattern well. A pump breaks, the committee has no spare parts or money to buy them, the nearest mechanic is far away and the community goes back to an unprotected source. Months later, a new borehole may be drilled nearby, and the cycle begins again.',
      'The fix is not mysterious. Water points need a reliable system of maintenance: trained local mechanics, accessible spare parts, and a way of paying for repairs that does not depend on collecting coins from every household after the pump has already failed.',
      'Some districts have experimented with professional maintenance services, in which communities pay a small monthly fee to a provider that guarantees repairs within a set number of days. Where these work, the share of pumps in working order has risen sharply and the cost per person served has fallen.',
      'Budgets should reflect this. A portion of every water investment, perhaps a fifth, could be ring-fenced for maintenance and monitoring, and funders could measure success by the number of people with water a year after handover rather than the number of boreholes drilled.',
      'New water points will still be needed. But the fastest way to bring water to more people in {country} may be to make sure the ones already built keep working.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'social-gender',
    extraSectors: ['economy-business'],
    headline: 'Unpaid Care Work Belongs in the Budget Debate in {country}',
    standfirst:
      'Women in {country} spend hours every day cooking, fetching water and caring for children and older relatives, work that rarely shows up in economic statistics. Budgets should take it into account, argues Leila Haddad-Soto.',
    author: 'Leila Haddad-Soto',
    paragraphs: [
      'If you want to understand the economy of a typical household in {country}, start before sunrise. Someone is fetching water, preparing food, getting children ready for school and checking on an elderly relative. Most often, that someone is a woman or a girl.',
      'Time-use surveys around the world find that women do the majority of unpaid care and domestic work, often several hours a day more than men. This work is essential. Without it, no factory, office, farm or school could function. Yet it is largely invisible in national accounts and budget debates.',
      "That invisibility has consequences. When a government invests in a water point closer to home, a childcare centre or a rural clinic, the benefits include hours of women's time freed for paid work, education or rest. Because those hours are not counted, such investments can look less productive than they are.",
      'Counting care work does not mean putting a price on every household chore. It means collecting regular data on how people spend their time, and using that data when deciding where to build roads, water systems, power lines and childcare services.',
      'Some finance ministries now ask every department to show how its spending affects women and men differently. {country} could go further by including time-use effects in project appraisals, so that a road that cuts a daily water trip from an hour to ten minutes gets credit for doing so.',
      'Care work is the foundation on which the rest of the economy is built. A budget that ignores it is working with only half the picture.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'technology',
    extraSectors: ['law-governance'],
    headline: 'Digital Public Services in {country} Must Work Offline Too',
    standfirst:
      'Moving government services online can save time and cut queues. But in {country}, services designed only for smartphones and fast connections risk leaving many people behind, argues Priya Raman-Okello.',
    author: 'Priya Raman-Okello',
    paragraphs: [
      'Governments are moving services online at remarkable speed. In {country}, as elsewhere, people can increasingly apply for permits, pay fees, register businesses and check records on a website or phone app. Done well, this saves time, shortens queues and limits opportunities for petty abuse.',
      'But digital services are only as good as the connection that reaches them. Many people still live in places where the mobile signal comes and goes, where data bundles are expensive relative to income, or where the only device in the household is a basic phone shared by several people.',
      'A service that works only on a smartphone with a strong connection will serve the urban and the better-off first. Without careful design, digitisation can widen the very gaps it was meant to close.',
      'The answer is not to slow down but to design for the hardest case. Forms that can be completed offline and synchronised later. Services available by text message or voice call. Assisted-access points in post offices, libraries and district offices, where trained staff help people who cannot or would rather not go online alone.',
      'Equally important is keeping a non-digital route open. An older farmer who needs a land record should not be turned away because she does not have an email address.',
      '{country} has an opportunity to build digital public services that reach everyone. That means measuring success not by how many services are online, but by how many people can actually use them.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'science-environment',
    extraSectors: ['agriculture-forestry'],
    headline: 'Climate Adaptation in {country} Starts With Local Data',
    standfirst:
      'National climate plans speak in large numbers, but farmers and district engineers make decisions field by field and culvert by culvert. {country} should invest in the local data they need, writes Henrik Mwale-Sorensen.',
    author: 'Henrik Mwale-Sorensen',
    paragraphs: [
      'National climate plans tend to speak in large numbers: degrees of warming, millimetres of rainfall, billions of dollars of investment. Those numbers matter. But the decisions that determine whether a community copes with a drought or a flood are made locally, by farmers, district engineers and village committees, and they need information at that scale.',
      'In {country}, as in many countries, weather stations are spread thinly, and records in some districts have long gaps. A farmer deciding when to plant, or an engineer deciding how large to make a culvert, may be relying on averages from a station a hundred kilometres away.',
      'The good news is that the tools for gathering local data have become cheap. Automatic rain gauges cost a few hundred dollars. Schools can keep daily weather records as part of science lessons. Farmers with basic phones can report conditions that, combined with satellite data, give a far richer picture than stations alone.',
      'What is often missing is the system to bring this information together, check its quality and return it to users in a form they can act on. That requires investment in national meteorological services and in the people who interpret data, not just in sensors.',
      'There is also a case for involving communities in deciding what to measure. Local knowledge of how rivers behave, which fields flood first or which wells dry up earliest is valuable, and too rarely recorded.',
      'Adaptation will be won or lost in thousands of small decisions. {country} can make those decisions better by investing in the information behind them.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'transport',
    extraSectors: ['urban-development'],
    headline: 'Build Roads in {country} for the People Who Walk',
    standfirst:
      'Pedestrians are the largest group of road users in most towns, yet roads are still designed around cars. {country} should make safe walking a condition of every new road project, argues Ana Vieira-Kamau.',
    author: 'Ana Vieira-Kamau',
    paragraphs: [
      'In most cities and towns in {country}, the largest group of road users is not drivers. It is people on foot: children walking to school, traders carrying goods to market, workers walking to save the fare. Yet roads are still largely designed around the needs of cars and trucks.',
      'The results are visible on almost any busy road. Pavements that end abruptly or are blocked by parked vehicles. Crossings placed far from where people actually need to cross. Wide lanes that encourage speeding through neighbourhoods where children play.',
      'Pedestrians account for a large share of road deaths in many low- and middle-income countries, and the victims are often young. These deaths are not simply bad luck; to a large extent, they are the predictable outcome of design choices.',
      'Designing for walkers is neither complicated nor expensive. Continuous, level pavements. Raised crossings at schools and markets. Lower speed limits in residential areas, enforced by road design rather than signs alone. Shade and lighting along the routes people use most.',
      'The principle is simple: every new road project in {country} should include a walking and cycling assessment, and funding should be released only when the design meets basic standards for safe, accessible footpaths. Existing roads can be improved gradually, starting with the most dangerous locations.',
      'A road that works for a child walking to school will work for everyone else too. The reverse is rarely true.',
    ],
  },
  {
    kind: 'opinion',
    sector: 'economy-business',
    headline: 'Small Firms in {country} Need Patient Capital, Not Just Microloans',
    standfirst:
      'Growing businesses in {country} are often too big for microfinance and too small for banks. Longer-term finance designed for them could unlock many of the jobs the country needs, argues Omar Benhaddou.',
    author: 'Omar Benhaddou',
    paragraphs: [
      'Microfinance has done much to bring credit to people once excluded from banks. In {country}, as elsewhere, small loans have helped traders restock, tailors buy sewing machines and farmers purchase inputs. But there is a gap between the small loan and the bank loan, and many growing businesses fall into it.',
      'A firm that employs 15 people and wants to buy equipment worth 50,000 dollars is too big for microfinance and often too small, or too informal, for commercial banks. The loans that are available typically require land as collateral, carry high interest rates and must be repaid within a year or two, far sooner than the equipment will pay for itself.',
      'What such firms need is patient capital: longer-term finance, sometimes in the form of equity or revenue-sharing arrangements, that matches the time it takes for an investment to generate returns. This kind of finance is common in richer economies but scarce in many emerging ones.',
      'Public development banks, pension funds and investors from the diaspora could all play a role. So could guarantee schemes that share part of the risk with commercial lenders, encouraging them to lend for longer periods against assets such as machinery and signed contracts.',
      'Business owners also need support with bookkeeping and governance that investors can trust. That is often the difference between a loan application approved and one rejected.',
      'The middle segment of small and medium firms is where many of the future jobs in {country} will be created. It deserves finance designed for its needs.',
    ],
  },

  // ---------------------------------------------------------------------------
  // Blogs
  // ---------------------------------------------------------------------------
  {
    kind: 'blog',
    sector: 'health',
    headline: 'A Day on the Road With a Mobile Clinic',
    standfirst:
      'A nurse describes a day with a mobile health team visiting three villages in {country}, from routine vaccinations to a difficult referral. On a good day the team sees about 150 patients.',
    author: 'Grace Atuhaire-Bloom',
    paragraphs: [
      'We leave the district hospital at half past six with two nurses, a clinical officer, a driver and a vehicle packed with cool boxes, scales, a folding tent and a great deal of paperwork. Our first stop is a village about 40 kilometres away, where a queue has already formed outside the church by the time we arrive.',
      'Most of the morning is routine, and routine is the point. Babies are weighed and vaccinated, pregnant women have their blood pressure checked, and older patients collect their monthly supply of medicine for diabetes or hypertension. Each visit is written in a logbook and, when the signal allows, entered on a tablet.',
      'Around midday, a mother brings in a two-year-old with a high fever and rapid breathing. We treat what we can and call the hospital to arrange a referral. The family has no money for transport, so the driver takes them back with us at the end of the day. Moments like this are why we come.',
      'In the afternoon we move on to the second and third villages, setting up in a community hall and a school classroom. We see about 150 patients in total. Some come for treatment, some for advice, and some simply because the mobile clinic is the only time a health worker visits each month.',
      'The hardest part of the job is not the long hours or the rough roads. It is knowing that when we leave, the nearest clinic is still a long walk away. Community health workers fill part of that gap, and we spend time with them on every visit, restocking their kits and going through difficult cases.',
      'We get back after dark, tired and dusty. Tomorrow we will do it all again, in a different direction.',
    ],
  },
  {
    kind: 'blog',
    sector: 'economy-business',
    extraSectors: ['social-gender'],
    headline: 'What Our Savings Group Taught Me About Trust',
    standfirst:
      'For six years, 25 women in a small town in {country} have met every week to save and lend to one another. One of the founding members reflects on what has made the group work.',
    author: 'Lydia Nakato',
    paragraphs: [
      "Our group started with 25 women, a metal box with three padlocks and a notebook. Every Thursday afternoon we met in the yard of our chairwoman's house, and each of us bought between one and five shares, worth the equivalent of 50 cents each. The money went into the box, and the three keys went home with three different members.",
      'In the first year, nobody borrowed much. We were testing each other. Then a member needed money to repair her sewing machine before the school uniform season, and she borrowed from the box and repaid it, with interest, in two months. After that, borrowing became normal.',
      'The rules are simple and we made them ourselves. Loans are repaid within three months with a 10 percent charge. Anyone who misses a meeting without a reason pays a small fine. At the end of each year, we share out the whole fund, including the interest, in proportion to how many shares each member bought.',
      'Last year, the share-out was enough for several members to buy goats, pay secondary school fees or add a room to their houses. One member opened a small restaurant. I used mine to buy a second-hand fridge, so I can sell cold drinks from my shop.',
      "People sometimes ask why we do not just use a bank. Some of us now have bank accounts too. But the group is more than money. When one member's husband died, we gave her a grant from our social fund and cooked for the mourners. No bank would do that.",
      'The most important thing the group taught me is that trust can be built step by step, with clear rules and a notebook everyone can read.',
    ],
  },
  {
    kind: 'blog',
    sector: 'agriculture-forestry',
    extraSectors: ['science-environment'],
    headline: 'Notes From a Seed Fair',
    standfirst:
      'At a seed fair in a farming district of {country}, growers swap varieties, compare notes and argue about which beans cook fastest. An agronomist describes what she learned by listening.',
    author: 'Marta Quintero',
    paragraphs: [
      'The seed fair begins slowly. By eight in the morning, farmers are laying out cloths in the school playground and arranging their seeds in small piles and recycled bottles: beans of a dozen colours, maize with red and white kernels, squash seeds, sorghum, groundnuts.',
      'I have come as an agronomist, but I quickly realise I am here to listen. A woman in her seventies explains that one of her bean varieties cooks in half the time of the others, which saves fuel. A young farmer says he keeps an older maize variety because it stores better, even though it yields less.',
      'These are the kinds of traits that rarely appear in official variety descriptions, which focus on yield and disease resistance. Yet they matter enormously to families deciding what to plant. A variety that yields well but tastes wrong or spoils quickly will not be grown for long.',
      'By midday, the exchanges are in full swing. Some seeds are sold, but many are swapped or given away. A group of farmers from a neighbouring district, who lost their crop to pests last season, leave with sacks of donated seed.',
      'The organisers record each variety that changes hands, along with its local name and the characteristics farmers describe. Over the past four years, they have catalogued more than 140 varieties. Some have been sent to the national gene bank for safekeeping.',
      'On the way home, I think about how much of our work as scientists begins with the question of what farmers need. The seed fair is a reminder that farmers have been answering that question for generations, and that we should ask them more often.',
    ],
  },
  {
    kind: 'blog',
    sector: 'technology',
    extraSectors: ['education'],
    headline: 'Teaching Coding With One Laptop and Forty Students',
    standfirst:
      'A volunteer describes running a weekend coding club at a secondary school in {country} with one laptop, a borrowed projector and a great deal of paper. Ten former members are now studying computer science.',
    author: 'Kevin Oduya-Marsh',
    paragraphs: [
      'When I started the coding club three years ago, the school had one working laptop, a borrowed projector and an electricity supply that came and went. Forty students signed up for the first session. I had planned for fifteen.',
      'We began on paper. Students wrote instructions for each other, step by step, to draw a shape or sort a pile of cards. When the instructions were wrong, the results were wrong, and everyone laughed. That was our first lesson in debugging.',
      'When the power was on, we took turns at the laptop in groups of four, one typing and three reading over their shoulder, looking for errors. It was slow, but it meant that every line of code was discussed. I sometimes think they learned more that way than they would have alone.',
      'Over time, local businesses donated six refurbished laptops, and a teacher who learned alongside the students now runs sessions on his own. Together we built a simple website for the school and an app that helps the library keep track of borrowed books.',
      'Ten former club members are now studying computer science or engineering at university, four of them young women. Several others have found work repairing phones and computers or building websites for small businesses.',
      "The most important resource was never the equipment. It was the students' curiosity and their willingness to keep trying when something did not work. That, and a lot of paper.",
    ],
  },
  {
    kind: 'blog',
    sector: 'science-environment',
    headline: 'Counting Birds Before Sunrise',
    standfirst:
      "A student volunteer on a wetland bird survey in {country} describes early mornings, muddy boots and the satisfaction of identifying a rare visitor. The survey's data will support a bid to protect the site.",
    author: 'Joel Abara',
    paragraphs: [
      'The alarm goes off at four. By half past, four of us are walking along a muddy track towards the edge of the wetland, carrying binoculars, a notebook and a flask of tea. The birds start calling before there is enough light to see them, so the first task is to listen.',
      'Our survey route is three kilometres long, divided into sections marked with painted posts. At each post we stop for ten minutes and record every bird we see or hear, how many there are and what they are doing. It sounds simple. It is not, especially when a flock of small brown birds rises from the reeds all at once.',
      'I joined the survey as a second-year biology student with little field experience. The team leader, a retired schoolteacher who has been watching birds here for 30 years, taught me to recognise species by their calls, their flight and the way they feed, long before I could identify them by sight.',
      'Some mornings are quiet. Others are extraordinary. Last month we recorded a heron that had not been seen at the site for more than a decade. We spent twenty minutes watching it, checking and double-checking before we dared to write it down.',
      'Our data goes into a national database and will support an application for the wetland to be protected. Local fishers and farmers sometimes join us, and they often know exactly where a particular bird can be found.',
      'By nine we are back at the vehicle, tired, muddy and usually very happy. There are few better ways to start a day.',
    ],
  },
  {
    kind: 'blog',
    sector: 'transport',
    extraSectors: ['urban-development'],
    headline: 'Riding the Night Bus Across {capital}',
    standfirst:
      'The last buses leaving the centre of {capital} carry nurses, cleaners, security guards and students. A reporter spent a week riding them to hear about working life after dark in {country}.',
    author: 'Hassan Amrani',
    paragraphs: [
      'The last bus from the central terminal leaves at 11.40 at night. On my first evening it is half full: two nurses finishing a late shift, a group of security guards heading to their posts, several students with heavy bags, and a woman with a basket of unsold bread on her lap.',
      "I spent a week riding the night routes, talking to passengers and drivers. What struck me most was how many people's working lives depend on a handful of buses that most of the city never sees.",
      '"If I miss this one, I sleep at the hospital," one nurse told me. She has done that several times this year. Another passenger, a cleaner in an office tower, said she pays almost twice as much for a shared taxi on nights when the bus does not come.',
      'The drivers have their own stories. One has driven the same route for 14 years and knows most of his regular passengers by name. He waits an extra minute at certain stops because he knows who will be running to catch him.',
      'Safety is a constant concern, especially for women. Passengers said better lighting at stops and more frequent services would make the biggest difference. Several suggested that late-night buses stop on request between official stops, as some cities already allow.',
      'Transport planners tend to focus on the morning and evening rush, when the roads are busiest. The night bus is a reminder that a city keeps running around the clock, and so do the people who keep it running.',
    ],
  },
  {
    kind: 'blog',
    sector: 'education',
    extraSectors: ['art-culture'],
    headline: 'The Library That Comes by Bicycle',
    standfirst:
      'Every Saturday, two volunteers cycle to villages in {country} with boxes of books strapped to their bicycles. One of them describes how a small reading project grew.',
    author: 'Clara Mensah-Ortiz',
    paragraphs: [
      'It started with 60 books in a cardboard box. A friend and I had collected them from our own shelves and from colleagues, and one Saturday we strapped the box to the back of my bicycle and rode to a village about eight kilometres from town, where a teacher had told us there were no books outside the school.',
      'We sat in the shade outside a shop and opened the box. Within half an hour we had 30 children around us, and by the end of the afternoon every book had been borrowed. We wrote the names in a notebook and promised to come back the next week.',
      'Today we visit five villages on a rotating schedule, with about 1,200 books between us, many of them in local languages. Each village has a volunteer, usually a young person who has finished secondary school, who looks after a small collection between our visits and reads aloud to younger children.',
      'Not every book comes back, and not every book that comes back is in one piece. We have learned to accept that. A book that has been read so often it falls apart is doing its job.',
      'The best moments are the quiet ones: a girl reading a story to her grandmother, who never learned to read; a boy who returns a book and asks, very seriously, whether there is a second part.',
      'We would like to add more villages, but bicycles can only carry so much. For now, we ride, and the children wait for us every Saturday.',
    ],
  },
  {
    kind: 'blog',
    sector: 'sports',
    extraSectors: ['social-gender'],
    headline: "What Coaching Girls' Football Taught Me",
    standfirst:
      "A volunteer coach reflects on four years of running a girls' football team in a small town in {country}, from borrowed boots to a first league title. The club now has 45 players in three age groups.",
    author: 'Salma Kariuki-Dahl',
    paragraphs: [
      'Our first training session had eleven girls, one ball and no goals. We used stones to mark the posts and played on a patch of ground behind the market, which we had to clear of plastic bags before every session.',
      'Some parents were doubtful. Football, they said, was for boys. A few girls came secretly at first, telling their families they were at a study group. It took a season of matches, and a visit from a female referee who spoke to parents after a game, before attitudes began to change.',
      'I learned quickly that coaching was about much more than football. Girls came to training hungry, so we started sharing bread and fruit after each session. Some were struggling at school, so older players began helping younger ones with homework on the bench.',
      'Today we have 45 players in three age groups, proper goals donated by a local business and a kit that matches. Last season our under-15 team won the regional league, and two players were invited to national youth team trials.',
      'What I am proudest of is not the trophy. It is watching girls who barely spoke at the first session now shouting instructions across the pitch, leading warm-ups and arguing, politely, with referees.',
      'Football gave them a place where they were allowed to be loud, fast and strong. That confidence goes with them everywhere.',
    ],
  },
  {
    kind: 'blog',
    sector: 'water-sanitation',
    headline: 'Keeping a Village Pump Running',
    standfirst:
      'The treasurer of a village water committee in {country} explains how residents organised themselves to keep their hand pump working after two long breakdowns. The committee now has two trained mechanics and a repair fund.',
    author: 'Ibrahim Kassoum',
    paragraphs: [
      'Our hand pump was installed eight years ago, and for the first two years it worked without trouble. Then a seal wore out, and we discovered that nobody knew how to fix it, where to buy the part or who should pay. We went back to the old well for four months.',
      'When it broke again the following year, a group of us decided that could not happen a third time. We held a village meeting and elected a committee of seven, including four women, since women do most of the water fetching and are the first to know when something is wrong.',
      "We agreed that each household would pay a small monthly contribution, about 25 cents, and that the money would be kept in a savings account rather than in someone's house. I was chosen as treasurer, perhaps because I keep the shop and am good with numbers.",
      'Two committee members were trained by the district as pump mechanics, and we bought a basic set of tools and spare parts. Now, when the pump starts to sound wrong, they fix it within a day or two. In the past three years, the pump has been out of use for less than a week in total.',
      'It has not always been easy. Some families pay late, and there are arguments about whether people from the next village should use our pump. We settle these at the monthly meeting, where everyone can see the accounts.',
      'I have learned that water is not only about pipes and pumps. It is about people agreeing to look after something together.',
    ],
  },
  {
    kind: 'blog',
    sector: 'law-governance',
    headline: 'How We Learned to Read a District Budget',
    standfirst:
      'A data journalist in {country} describes how a small team turned a 400-page district budget into something residents could understand, and what happened next. More than 200 people came to hear the results.',
    author: 'Tendai Marufu',
    paragraphs: [
      "The budget arrived as a scanned document of 400 pages, mostly tables, some of them sideways. Our team of three had been asked by a residents' association to help them understand how their district planned to spend its money. We had no idea where to begin.",
      'We started by typing the main tables into spreadsheets, checking each figure twice. It took two weeks. Then we grouped the spending into categories that residents would recognise: schools, clinics, roads, water, salaries, administration.',
      'The first thing we noticed was how much of the budget went to salaries and running costs, which is normal, and how little was left for new projects, which surprised many residents. The second was that some projects appeared in the budget year after year, with money allocated each time.',
      'We did not assume anything was wrong. Instead, we asked the district finance office about those recurring projects. Officials explained that some had been delayed by contractor problems and others were being built in phases. They gave us updated timelines, which we published alongside our analysis.',
      "We presented our findings at a public meeting with simple charts printed on large sheets of paper. More than 200 people came. Many said it was the first time they had understood where the district's money came from and where it went.",
      "The district has since started publishing a short citizens' summary of its budget each year. For us, that is the best possible outcome: we no longer have to type in the tables ourselves.",
    ],
  },

  // ---------------------------------------------------------------------------
  // Interviews
  // ---------------------------------------------------------------------------
  {
    kind: 'interview',
    sector: 'energy-extractives',
    headline: 'Rural Power Takes Trust Before Technology, Says Solar Cooperative Head',
    standfirst:
      'Rukia Abdi-Larsen chairs a village energy cooperative in {country} that runs a solar mini-grid serving 600 households. She spoke about tariffs, trust and what happens after the lights come on.',
    author: 'Lucas Ferrante',
    paragraphs: [
      'Q: How did the cooperative start?',
      "A: Five years ago, a developer approached our village about building a mini-grid. Many people were suspicious, because earlier promises of electricity had come to nothing. We formed a cooperative so that the community would have a voice in decisions, and we negotiated a share of the revenue to pay for street lights and the school's connection.",
      'Q: What was the hardest part?',
      'A: Setting the tariff. People compared it with the price on the national grid, which is lower. We had to explain that the grid price does not reflect what it costs to bring power here. In the end, what convinced people was comparing it with what they were already paying for kerosene, batteries and charging their phones in town.',
      'Q: What has changed since the power arrived?',
      'A: The first changes were small: children studying in the evening, shops staying open later. Then came businesses. We now have two welders, a grain mill, a barber, a tailor with electric machines and a woman who sells ice and cold drinks. The health centre can keep vaccines in a fridge.',
      'Q: What advice would you give other communities?',
      'A: Ask questions early and put the answers in writing. Who owns the equipment? What happens when the national grid arrives? Who fixes it at night? Trust is built by the way problems are handled, not by the ceremony on the first day.',
    ],
  },
  {
    kind: 'interview',
    sector: 'health',
    extraSectors: ['social-gender'],
    headline: 'A Midwife on Three Decades of Deliveries and What Has Changed',
    standfirst:
      'Veronica Achola-Brandt has worked as a midwife in {country} for 31 years, most of them in rural health centres. She talked about her work, training young midwives and the changes she has seen.',
    author: 'Sara Benedetti',
    paragraphs: [
      'Q: What made you become a midwife?',
      'A: My aunt helped women give birth in our village, and as a girl I sometimes went with her. I saw women die in childbirth from bleeding that could have been stopped. I wanted to know how to stop it.',
      'Q: What is the biggest change you have seen?',
      'A: When I started, most women in my area gave birth at home. Now most come to the health centre, and many stay in the waiting home for the last weeks. We have medicines to prevent bleeding, we check blood pressure at every visit, and we can call an ambulance. Fewer mothers die. I have seen that with my own eyes.',
      'Q: What remains difficult?',
      'A: Staffing. At night there may be one midwife for the whole ward. If two women are in difficult labour at the same time, you have to make very hard choices. We also still see women who arrive too late because transport is expensive or the road is bad.',
      'Q: What do you tell young midwives?',
      'A: Listen to the woman. She knows her body. Be kind, even when you are tired, because she will remember how you treated her for the rest of her life. And never stop learning. Medicine changes, and we must change with it.',
      'Q: Are you thinking of retiring?',
      'A: In two years, officially. But I think I will still be teaching. There is always someone who needs to learn how to hold a newborn properly.',
    ],
  },
  {
    kind: 'interview',
    sector: 'agriculture-forestry',
    extraSectors: ['science-environment'],
    headline: 'Healthy Soil Is the Foundation of Food Security, Agronomist Says',
    standfirst:
      'Dr Nasser Alvi-Mendes leads a soil research programme at an agricultural institute in {country}. He spoke about fertiliser, organic matter and why farmers should test their soil before they buy inputs.',
    author: 'Clara Wendt',
    paragraphs: [
      'Q: Why does soil health matter so much?',
      'A: Because everything starts there. You can give a farmer the best seed in the world, but if the soil has lost its organic matter, or is too acidic, the plant cannot use the nutrients. In our surveys, about a third of the fields we tested had problems that fertiliser alone could not fix.',
      'Q: What are the most common problems?',
      'A: Low organic matter, acidity and erosion. Many fields have been cropped for decades without returning residues or manure. The soil becomes hard, holds less water and washes away in heavy rain.',
      'Q: What can farmers do about it?',
      'A: Some of the best practices are cheap. Leave crop residues on the field instead of burning them. Rotate cereals with legumes such as beans. Add compost or manure. Apply lime where soils are acidic. Plant grass strips or trees across slopes to slow erosion. None of this is new, but it works.',
      'Q: And soil testing?',
      'A: We are piloting portable testing kits that give results in about 20 minutes. Extension workers take them to villages and give farmers a simple recommendation card. It helps farmers spend money on the fertiliser their field actually needs, not the one their neighbour uses.',
    ],
  },
  {
    kind: 'interview',
    sector: 'education',
    headline: 'A Head Teacher on Running a School of 2,000 Pupils',
    standfirst:
      'Paulina Wekesa-Laine heads one of the largest primary schools in {country}, with about 2,000 pupils and 38 teachers. She spoke about crowded classrooms, parents and why reading comes first.',
    author: 'Daniel Hartmann',
    paragraphs: [
      'Q: How do you manage with so many pupils?',
      'A: We run two shifts, morning and afternoon, for the younger classes. It is not ideal, because children get fewer hours, but it means we can keep classes to around 60 instead of more than 100. Every teacher knows every child in their class by name. That is my first rule.',
      'Q: What is your biggest priority?',
      'A: Reading. If a child cannot read well by the end of the third year, everything that follows becomes harder. We have a daily reading hour for all classes, and we test every child three times a year so that we know who needs extra help.',
      'Q: How involved are parents?',
      "A: More than people think. Many parents did not finish school themselves, so we hold reading sessions for them too. Our parents' committee built two extra classrooms with their own labour last year, and they run the school garden that supplies part of our lunch programme.",
      'Q: If you could ask for one thing, what would it be?',
      'A: More teachers, and support for the ones I have. My teachers are dedicated, but they are tired. A teacher who has time to prepare and to learn new methods is worth more than any new building.',
    ],
  },
  {
    kind: 'interview',
    sector: 'urban-development',
    extraSectors: ['law-governance'],
    headline: 'Planning a City That Grows Faster Than Its Plans',
    standfirst:
      'Amara Delacroix-Bah is a senior urban planner at the city council in {capital}, {country}. She discussed informal settlements, land records and what makes a city work for the people who live in it.',
    author: 'Jonas Berglund',
    paragraphs: [
      'Q: How fast is {capital} growing?',
      'A: Faster than our plans, to be honest. Every year, new neighbourhoods appear on the edges of the city, built by families and small developers long before roads, drains or water pipes reach them.',
      'Q: How do you respond to that?',
      'A: We have moved away from master plans that take years to approve towards what we call guided expansion. We mark out the main roads and public spaces in areas where we expect growth, before people settle. Land for a road is cheap today; in ten years it will be full of houses.',
      'Q: What about existing informal settlements?',
      "A: We upgrade them where people live: drains, footpaths, street lights, water points. We avoid large demolitions, because they destroy homes and livelihoods and rarely solve anything. Residents' committees tell us where the problems are, and they are usually right.",
      'Q: What is the biggest obstacle?',
      'A: Land records. Much of the land in and around the city has unclear ownership, which makes it hard to plan and hard for families to invest in their homes. We are working with the lands office to map and register plots neighbourhood by neighbourhood.',
      'Q: What does a good city look like to you?',
      'A: One where a child can walk safely to school, a trader can reach her customers, and a family can find a home it can afford. If we get those three things right, many others follow.',
    ],
  },
  {
    kind: 'interview',
    sector: 'art-culture',
    headline: 'A Filmmaker on Telling Rural Stories on a Shoestring Budget',
    standfirst:
      "Lina Moreau-Osei is a documentary filmmaker from {country} whose latest film follows a women's bicycle repair workshop. She spoke about small budgets, rural audiences and filming with phones.",
    author: 'Nikolai Brandt',
    paragraphs: [
      'Q: How did the film come about?',
      'A: I needed my bicycle fixed. The workshop was run by four women, and I stayed for two hours listening to them talk about customers, money and their families. I came back the next week with a camera and asked if I could keep coming.',
      'Q: What did it cost to make?',
      'A: Very little by industry standards, about 12,000 dollars, most of it from a small grant and my own savings. We filmed with one camera and two phones, and the editing was done on a borrowed computer at night.',
      'Q: Who is your audience?',
      'A: First, the people in the film and their neighbours. We held the first screening in the street outside the workshop. Then festivals, and now a travelling cinema programme that shows it in small towns. The reaction in rural areas has been the strongest, because people recognise themselves.',
      'Q: What advice do you have for young filmmakers in {country}?',
      'A: Start with the phone in your pocket and a story you know better than anyone else. Equipment is not the problem it used to be. Patience matters more. The best scenes come after you have been around so long that people forget you are filming.',
    ],
  },
  {
    kind: 'interview',
    sector: 'law-governance',
    extraSectors: ['social-gender'],
    headline: 'A Legal Aid Lawyer on Bringing Justice Closer to Rural Communities',
    standfirst:
      'Marcus Oduro-Lind runs a legal aid clinic in {country} that has handled more than 6,000 cases, mostly on land, inheritance and family matters. He discussed paralegals, mobile courts and mediation.',
    author: 'Eleni Markou',
    paragraphs: [
      'Q: What kinds of cases do you see most?',
      'A: Land disputes, by far. Boundaries between neighbours, inheritance when someone dies without a will, widows whose in-laws want the family plot. After that come child maintenance and labour disputes. Most of our clients have never been inside a courtroom.',
      'Q: How do you reach people outside the towns?',
      'A: Through paralegals. We train people from the communities themselves, often teachers or retired civil servants, to give basic legal advice, help with documents and, where appropriate, mediate. They refer the complicated cases to our lawyers.',
      'Q: Does mediation really work?',
      'A: In many cases, yes. A boundary dispute can take two years in court and cost both families more than the land is worth. A mediated agreement, written down and signed in front of witnesses, can take an afternoon. But mediation must be voluntary and fair. If one side is much more powerful, we go to court.',
      'Q: What would improve access to justice most?',
      'A: More courts closer to people, simpler procedures for small claims and more legal information in local languages. Mobile courts have helped a great deal where they operate. I would like to see them become a permanent service rather than a project.',
    ],
  },
  {
    kind: 'interview',
    sector: 'science-environment',
    extraSectors: ['agriculture-forestry'],
    headline: 'A Climate Scientist on Forecasts That Farmers Can Actually Use',
    standfirst:
      'Dr Rebecca Sande-Holt, a climate scientist at the national meteorological service in {country}, works on seasonal forecasts for farmers. She talked about uncertainty, radio and trust.',
    author: 'Martin Ekwueme-Shaw',
    paragraphs: [
      'Q: What exactly is a seasonal forecast?',
      'A: It is an estimate of whether the coming season is likely to be wetter, drier or close to normal, compared with the long-term average. It is not a daily weather forecast. It speaks in probabilities, and that is where much of the difficulty lies.',
      'Q: Why is that difficult?',
      'A: Because people want certainty. If we say there is a 60 percent chance of below-normal rainfall and it turns out to be a normal year, some people conclude that the forecast was wrong. We have had to work hard to explain what probability means in practical terms.',
      'Q: How do you reach farmers?',
      'A: Mainly through radio and extension workers. Before each season, we hold workshops in every region where meteorologists, extension officers and farmer representatives sit together and translate the forecast into advice: which varieties to plant, when to plant, and whether to stagger planting dates.',
      'Q: Has it made a difference?',
      'A: Farmers who use the advice tell us it helps them reduce losses, especially in poor seasons. The key has been trust. We go back after each season and discuss what we got right and what we got wrong. That honesty has done more for our credibility than any single accurate forecast.',
      'Q: What would you like to see improved?',
      'A: More weather stations, especially in remote districts, and forecasts that are more specific to local areas. Farmers in one district can have a very different season from those in the next.',
    ],
  },

  // ---------------------------------------------------------------------------
  // Shots (one-paragraph briefs)
  // ---------------------------------------------------------------------------
  {
    kind: 'shot',
    sector: 'agriculture-forestry',
    headline: 'Farmers in {country} Receive 40,000 Airtight Grain Bags',
    standfirst: "Farmers' groups in {country} have received airtight storage bags to cut post-harvest losses. The bags keep insects out without chemicals.",
    paragraphs: [
      "About 40,000 airtight grain storage bags have been distributed to farmers' groups in four districts of {country}, organisers said. The bags, which cost about 2.50 dollars each, keep weevils out without chemical treatment and can halve storage losses. Training on drying grain properly accompanied the distribution.",
    ],
  },
  {
    kind: 'shot',
    sector: 'agriculture-forestry',
    extraSectors: ['science-environment'],
    headline: 'Beekeeping Groups in {country} Double Their Honey Harvest',
    standfirst:
      'Beekeepers linked to a forest conservation project in {country} harvested 38 tonnes of honey this season. A cooperative buys the honey at a fixed price.',
    paragraphs: [
      "Beekeeping groups supported by a forest conservation project in {country} harvested about 38 tonnes of honey this season, nearly double last year's total. The project gives households modern hives in return for helping to patrol nearby woodland, and a cooperative buys the honey at a fixed price.",
    ],
  },
  {
    kind: 'shot',
    sector: 'art-culture',
    extraSectors: ['urban-development'],
    headline: 'Disused Cinema in {capital} Reopens as Community Arts Centre',
    standfirst: 'A restored cinema hall in {capital} has reopened as an arts centre. Students in {country} get free entry on weekday afternoons.',
    paragraphs: [
      'A disused cinema hall in {capital} has reopened as a community arts centre after a two-year restoration funded by residents and a heritage charity. The building now hosts film screenings, theatre rehearsals and music lessons, and students from across {country} get free entry on weekday afternoons.',
    ],
  },
  {
    kind: 'shot',
    sector: 'art-culture',
    extraSectors: ['education'],
    headline: 'School Poetry Competition in {country} Draws 3,000 Entries',
    standfirst:
      'A national poetry competition for secondary students in {country} received a record number of entries. The winning poems will be published in an anthology.',
    paragraphs: [
      'A national poetry competition for secondary school students in {country} received about 3,000 entries in several languages this year, organisers said. The 20 winning poems, on themes ranging from family to football, will be published in an anthology and read aloud at a ceremony in {capital} next month.',
    ],
  },
  {
    kind: 'shot',
    sector: 'technology',
    headline: 'Hackathon in {capital} Produces Apps for Flood Alerts and Clinic Queues',
    standfirst: 'More than 250 programmers and students in {country} built 34 prototype apps in 48 hours. The three winning teams will receive mentoring.',
    paragraphs: [
      'More than 250 programmers, designers and students in {country} took part in a 48-hour hackathon in {capital}, producing 34 prototype apps. Winning entries included a text-message flood alert tool and a system that lets patients join a clinic queue remotely. The three winning teams will receive six months of mentoring.',
    ],
  },
  {
    kind: 'shot',
    sector: 'technology',
    extraSectors: ['law-governance'],
    headline: 'Post Offices in {country} Help Residents Use Online Public Services',
    standfirst:
      'Post offices in 120 towns in {country} now offer assisted access to online government services. About 9,000 people used the service in its first month.',
    paragraphs: [
      'Post offices in 120 towns in {country} have begun offering assisted access to online public services, with trained staff helping visitors apply for documents, register businesses and pay fees. About 9,000 people used the service in its first month, officials said, many of them older residents without smartphones.',
    ],
  },
  {
    kind: 'shot',
    sector: 'economy-business',
    extraSectors: ['technology'],
    headline: 'Most Market Stalls in {capital} Now Accept Mobile Payments, Survey Says',
    standfirst: 'A survey of 1,200 traders in {country} found 60 percent now take mobile payments. Traders cited fewer robberies but complained about fees.',
    paragraphs: [
      'About 60 percent of market stallholders in {capital} now accept mobile payments, up from 35 percent two years ago, according to a survey of 1,200 traders in {country} by a business research group. Traders said the main benefits were fewer cash robberies and easier record keeping, but many complained about transaction fees.',
    ],
  },
  {
    kind: 'shot',
    sector: 'economy-business',
    headline: 'Chamber of Commerce Opens Export Help Desk for {demonym} Small Firms',
    standfirst:
      'A new help desk in {capital} advises small firms in {country} on customs paperwork and product standards. It handled 340 inquiries in six weeks.',
    paragraphs: [
      'The national chamber of commerce in {country} has opened an export help desk in {capital} to advise small firms on customs paperwork, product standards and finding buyers abroad. The desk handled 340 inquiries in its first six weeks, most of them from food processors and textile makers, a spokesperson said.',
    ],
  },
  {
    kind: 'shot',
    sector: 'education',
    headline: 'Radio Lessons Reach Children in Remote Areas of {country}',
    standfirst:
      'A daily radio programme teaching reading and mathematics is now broadcast on 18 community stations in {country}. An estimated 70,000 children listen at home.',
    paragraphs: [
      'A daily half-hour radio programme teaching mathematics and reading to primary school children is now broadcast on 18 community stations in {country}. Teachers in remote schools use the lessons in class, and an estimated 70,000 children listen at home during school holidays, according to the education ministry.',
    ],
  },
  {
    kind: 'shot',
    sector: 'education',
    extraSectors: ['social-gender'],
    headline: 'Scholarship Scheme in {country} Supports 1,500 Girls in Science',
    standfirst: 'A scholarship scheme in {country} covers fees and boarding for 1,500 girls studying science. Each recipient is paired with a female mentor.',
    paragraphs: [
      'A scholarship scheme in {country} is covering fees, books and boarding costs for 1,500 girls studying science and mathematics at secondary level. Recipients, selected from low-income families, are paired with women working as engineers, doctors and researchers. The first cohort sits its final exams next year.',
    ],
  },
  {
    kind: 'shot',
    sector: 'energy-extractives',
    extraSectors: ['agriculture-forestry'],
    headline: 'Solar Pumps Replace Diesel at 300 Irrigation Schemes in {country}',
    standfirst:
      "Farmers' groups in {country} have switched 300 irrigation schemes from diesel to solar pumps. Fuel savings cover most loan repayments, they say.",
    paragraphs: [
      "About 300 small irrigation schemes in {country} have replaced diesel pumps with solar-powered ones under a programme that offers farmers' groups loans repayable over four years. Groups say fuel savings cover most of the repayments, and the new pumps have cut noise and fumes near fields and homes.",
    ],
  },
  {
    kind: 'shot',
    sector: 'energy-extractives',
    extraSectors: ['health'],
    headline: 'Rural Clinics in {country} Get Solar Backup Power',
    standfirst:
      'Solar panels and batteries have been installed at 85 rural health centres in {country}. Vaccine fridges and delivery rooms now stay powered during outages.',
    paragraphs: [
      'Solar panels and battery systems have been installed at 85 rural health centres in {country}, allowing them to keep vaccine fridges, lights and delivery rooms running during power cuts. The 2.1 million dollar project also trained local technicians to maintain the systems, officials said in {capital}.',
    ],
  },
  {
    kind: 'shot',
    sector: 'politics',
    headline: 'Lawmakers in {country} Hold 46 Town Hall Meetings During Recess',
    standfirst: "Members of parliament in {country} answered residents' questions at 46 town hall meetings. About 12,000 people attended.",
    paragraphs: [
      'Lawmakers in {country} held 46 town hall meetings around the country during the parliamentary recess, answering questions from residents on roads, school fees and water supplies. Organisers said about 12,000 people attended, and a summary of the most frequent questions will be presented to committees in {capital}.',
    ],
  },
  {
    kind: 'shot',
    sector: 'politics',
    extraSectors: ['social-gender'],
    headline: 'Youth Councils Elected in 30 Districts of {country}',
    standfirst: 'Young people in 30 districts of {country} have elected new youth councils. The councils will advise district authorities on youth spending.',
    paragraphs: [
      'Young people aged 15 to 24 in 30 districts of {country} have elected members to new youth councils that will advise district authorities on spending for sports, training and youth services. Turnout reached 41 percent, organisers said, with voting held in schools, colleges and community centres over two weekends.',
    ],
  },
  {
    kind: 'shot',
    sector: 'law-governance',
    headline: 'Free Legal Advice Days Draw 2,400 People in {country}',
    standfirst:
      'Lawyers and paralegals in {country} gave free advice to about 2,400 people during a week of open days. Land and inheritance questions were most common.',
    paragraphs: [
      'About 2,400 people sought free legal advice during a week of open days held by lawyers and paralegals in eight towns of {country}. Most questions concerned land, inheritance, employment contracts and child maintenance, organisers said. Around 300 cases were referred to legal aid clinics for further help.',
    ],
  },
  {
    kind: 'shot',
    sector: 'law-governance',
    extraSectors: ['technology'],
    headline: 'Court Registry in {capital} Digitises 210,000 Case Files',
    standfirst:
      'The main court registry in {capital} has scanned its case files so that litigants in {country} can check hearing dates online. Regional courts are next.',
    paragraphs: [
      'The main court registry in {capital} has finished scanning about 210,000 case files, allowing lawyers and litigants in {country} to check hearing dates and rulings online. Court officials said the change would reduce lost files and long queues at registry counters, and they plan to digitise regional courts next.',
    ],
  },
  {
    kind: 'shot',
    sector: 'health',
    headline: 'Mental Health Helpline in {country} Takes 11,000 Calls in First Year',
    standfirst: 'A free mental health helpline in {country} answered about 11,000 calls in its first year. Most callers were young adults.',
    paragraphs: [
      'A free mental health helpline in {country} answered about 11,000 calls in its first year, according to the non-profit group that runs it. Most callers were aged 18 to 35 and sought help with anxiety, grief or stress related to work and money. Trained counsellors refer urgent cases to hospitals.',
    ],
  },
  {
    kind: 'shot',
    sector: 'health',
    headline: 'Mobile Eye Camps Restore Sight to 1,200 Patients in {country}',
    standfirst:
      'Mobile eye camps in rural {country} have performed about 1,200 cataract operations this year. Thousands more people were screened and given glasses.',
    paragraphs: [
      'Mobile eye camps run by a charitable eye hospital have performed about 1,200 cataract operations in rural districts of {country} this year, each taking around 15 minutes. The camps also screened 16,000 people and handed out 4,300 pairs of glasses, organisers said, mostly to older adults and schoolchildren.',
    ],
  },
  {
    kind: 'shot',
    sector: 'science-environment',
    extraSectors: ['education'],
    headline: 'Students in {country} Track Rainfall With 500 Homemade Gauges',
    standfirst:
      'Secondary school students in {country} are recording daily rainfall for the national weather service. Their readings help fill gaps between official stations.',
    paragraphs: [
      'Secondary school students in {country} are recording daily rainfall with about 500 simple gauges made from plastic bottles, under a citizen science project run by the national meteorological service. Readings are sent by text message and help forecasters fill gaps between official weather stations, project staff said.',
    ],
  },
  {
    kind: 'shot',
    sector: 'science-environment',
    extraSectors: ['urban-development'],
    headline: 'Volunteers Map 48,000 Street Trees in {capital}',
    standfirst: 'A tree survey in {capital} has identified 112 species along streets and in parks. It is the first survey of its kind in {country}.',
    paragraphs: [
      'Volunteers and city staff have counted and mapped about 48,000 trees along the streets and in the parks of {capital}, identifying 112 species. The survey, the first of its kind in {country}, will guide planting and pruning, and residents can now look up individual trees on an online map.',
    ],
  },
  {
    kind: 'shot',
    sector: 'social-gender',
    extraSectors: ['education'],
    headline: 'Community Childcare Centres Open for Working Parents in {country}',
    standfirst: 'Twenty community childcare centres have opened in low-income neighbourhoods of {country}. Fees are set according to income.',
    paragraphs: [
      'Twenty community childcare centres have opened in low-income neighbourhoods of {country}, caring for about 1,600 children aged one to five while their parents work. Fees are set according to income, and the centres employ 140 local women trained as carers, the social affairs ministry said in {capital}.',
    ],
  },
  {
    kind: 'shot',
    sector: 'social-gender',
    extraSectors: ['health'],
    headline: 'Sign Language Interpreters Join 14 Public Hospitals in {country}',
    standfirst:
      'Deaf patients at 14 public hospitals in {country} can now book a sign language interpreter. Hospital staff are also taking introductory courses.',
    paragraphs: [
      'Sign language interpreters are now available at 14 public hospitals in {country}, following an agreement between the health ministry and the national association of deaf people. Interpreters can be booked in advance or reached by video call, and hospital staff are taking introductory sign language courses, officials said.',
    ],
  },
  {
    kind: 'shot',
    sector: 'sports',
    extraSectors: ['social-gender'],
    headline: 'Wheelchair Basketball League in {country} Grows to 12 Teams',
    standfirst:
      "The national wheelchair basketball league in {country} now has 12 teams, including a women's division. Donated sports chairs have helped new clubs form.",
    paragraphs: [
      "The national wheelchair basketball league in {country} has grown to 12 teams this season, up from five when it was founded four years ago. The league, which includes a women's division, plays at venues across the country, and organisers said sports chairs donated by a charity had helped new clubs form.",
    ],
  },
  {
    kind: 'shot',
    sector: 'transport',
    extraSectors: ['education'],
    headline: 'New Footbridges Give 45,000 People in {country} Year-Round River Crossings',
    standfirst: 'Twenty-two suspension footbridges have been built in rural {country}. Communities supplied materials and labour.',
    paragraphs: [
      'Twenty-two suspension footbridges have been built over rivers in rural districts of {country}, giving about 45,000 people year-round access to schools, clinics and markets. Communities supplied stone, sand and labour, while engineers provided cables and designs. Residents previously waded across or waited days for high water to fall.',
    ],
  },
  {
    kind: 'shot',
    sector: 'urban-development',
    extraSectors: ['energy-extractives'],
    headline: '{capital} Switches 35,000 Street Lamps to Energy-Saving LEDs',
    standfirst:
      'The city council in {capital} has replaced 35,000 old street lamps with LED fittings. Officials in {country} expect lighting costs to fall by half.',
    paragraphs: [
      'The city council in {capital} has replaced about 35,000 old street lamps with energy-saving LED fittings along 900 kilometres of roads, officials in {country} said. The council expects its street lighting bill to fall by more than half, and residents in several neighbourhoods reported feeling safer walking after dark.',
    ],
  },
  {
    kind: 'shot',
    sector: 'water-sanitation',
    extraSectors: ['technology'],
    headline: 'Residents in {country} Report Water Leaks by Text Message',
    standfirst:
      'Residents of three towns in {country} can now report burst pipes to their water utility by free text message. Most leaks are fixed within 48 hours.',
    paragraphs: [
      'Residents of three towns in {country} can now report burst pipes and leaking taps to their water utility by sending a free text message, with photos accepted through a messaging app. The utility said it received about 2,300 reports in the first three months and fixed most leaks within 48 hours.',
    ],
  },
  {
    kind: 'shot',
    sector: 'water-sanitation',
    extraSectors: ['health'],
    headline: 'Sanitation Campaign in {country} Brings Latrines to 140 Villages',
    standfirst:
      'An 18-month sanitation campaign in {country} has helped households in 140 villages build their own latrines. Latrine use in the area rose to 96 percent.',
    paragraphs: [
      'One hundred and forty villages in {country} have been verified as free of open defecation after an 18-month sanitation campaign in which households built their own latrines with help from trained local builders. Health officials said the share of households using a latrine in the area rose from 38 percent to 96 percent.',
    ],
  },
];
