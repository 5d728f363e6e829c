package gazetteer

import "mentionmap/geo"

// region is a hand-written gazetteer entry for a continent, region or body
// of water: places GeoNames' populated-place files do not have. Points are
// GeoNames' points where it has the feature, approximate centres otherwise.
type region struct {
	key, name, kind string
	lat, lon        float64
	alts, demonyms  []string
}

var regions = []region{
	{"africa", "Africa", geo.KindRegion, 7.19, 21.09, nil, []string{"African", "Africans"}},
	{"europe", "Europe", geo.KindRegion, 48.69, 9.14, []string{"European Union", "=EU", "=E.U."}, []string{"European", "Europeans"}},
	{"asia", "Asia", geo.KindRegion, 29.84, 89.30, nil, []string{"Asian", "Asians"}},
	{"north-america", "North America", geo.KindRegion, 46.07, -100.55, nil, []string{"North American"}},
	{"south-america", "South America", geo.KindRegion, -14.60, -57.66, nil, []string{"South American"}},
	{"latin-america", "Latin America", geo.KindRegion, -8.78, -55.49, nil, []string{"Latin American"}},
	{"central-america", "Central America", geo.KindRegion, 12.77, -85.60, nil, []string{"Central American"}},
	{"oceania", "Oceania", geo.KindRegion, -18.31, 138.52, nil, nil},
	{"antarctica", "Antarctica", geo.KindRegion, -78.16, 16.41, nil, nil},
	{"middle-east", "Middle East", geo.KindRegion, 33.14, 35.86, []string{"Mideast", "Near East"}, []string{"Middle Eastern"}},
	{"north-africa", "North Africa", geo.KindRegion, 32.95, 9.98, []string{"Maghreb"}, []string{"North African"}},
	{"west-africa", "West Africa", geo.KindRegion, 12.0, -3.0, nil, []string{"West African"}},
	{"east-africa", "East Africa", geo.KindRegion, 1.0, 37.0, nil, []string{"East African"}},
	{"southern-africa", "Southern Africa", geo.KindRegion, -24.0, 25.0, nil, nil},
	{"sub-saharan-africa", "Sub-Saharan Africa", geo.KindRegion, 0.0, 20.0, nil, nil},
	{"horn-of-africa", "Horn of Africa", geo.KindRegion, 8.0, 45.0, nil, nil},
	{"sahel", "Sahel", geo.KindRegion, 15.0, 5.0, nil, nil},
	{"sahara", "Sahara", geo.KindRegion, 23.0, 12.0, []string{"Sahara Desert"}, nil},
	{"balkans", "Balkans", geo.KindRegion, 43.0, 21.0, []string{"Balkan Peninsula"}, []string{"Balkan"}},
	{"caucasus", "Caucasus", geo.KindRegion, 42.5, 45.0, nil, nil},
	{"central-asia", "Central Asia", geo.KindRegion, 45.0, 68.0, nil, []string{"Central Asian"}},
	{"south-asia", "South Asia", geo.KindRegion, 22.0, 79.0, nil, []string{"South Asian"}},
	{"southeast-asia", "Southeast Asia", geo.KindRegion, 6.0, 112.0, []string{"South-East Asia", "South East Asia"}, []string{"Southeast Asian"}},
	{"east-asia", "East Asia", geo.KindRegion, 35.0, 115.0, nil, []string{"East Asian"}},
	{"scandinavia", "Scandinavia", geo.KindRegion, 63.0, 14.0, nil, []string{"Scandinavian"}},
	{"western-europe", "Western Europe", geo.KindRegion, 48.0, 5.0, nil, nil},
	{"eastern-europe", "Eastern Europe", geo.KindRegion, 50.0, 28.0, nil, []string{"Eastern European"}},
	{"caribbean", "Caribbean", geo.KindRegion, 15.0, -75.0, []string{"the Caribbean"}, nil},
	{"arctic", "Arctic", geo.KindRegion, 80.0, 0.0, nil, nil},
	{"siberia", "Siberia", geo.KindRegion, 62.0, 100.0, nil, []string{"Siberian"}},
	{"kurdistan", "Kurdistan", geo.KindRegion, 36.5, 44.0, nil, nil},
	{"gaza-strip", "Gaza Strip", geo.KindRegion, 31.42, 34.36, []string{"Gaza"}, nil},
	{"west-bank", "West Bank", geo.KindRegion, 31.95, 35.25, nil, nil},
	{"sinai", "Sinai", geo.KindRegion, 29.5, 33.8, []string{"Sinai Peninsula"}, nil},
	{"donbas", "Donbas", geo.KindRegion, 48.0, 38.5, []string{"Donbass"}, nil},
	{"crimea", "Crimea", geo.KindRegion, 45.3, 34.4, nil, nil},
	{"darfur", "Darfur", geo.KindRegion, 13.0, 25.0, nil, nil},
	{"kashmir", "Kashmir", geo.KindRegion, 34.0, 75.5, nil, nil},
	{"patagonia", "Patagonia", geo.KindRegion, -45.0, -69.0, nil, nil},
	{"mediterranean", "Mediterranean Sea", geo.KindWater, 35.0, 20.0, []string{"Mediterranean", "the Med"}, nil},
	{"black-sea", "Black Sea", geo.KindWater, 43.4, 34.3, nil, nil},
	{"red-sea", "Red Sea", geo.KindWater, 20.3, 38.5, nil, nil},
	{"caspian-sea", "Caspian Sea", geo.KindWater, 41.7, 50.6, nil, nil},
	{"baltic-sea", "Baltic Sea", geo.KindWater, 58.5, 19.9, []string{"Baltic"}, nil},
	{"north-sea", "North Sea", geo.KindWater, 56.0, 3.0, nil, nil},
	{"south-china-sea", "South China Sea", geo.KindWater, 12.0, 113.0, nil, nil},
	{"east-china-sea", "East China Sea", geo.KindWater, 29.0, 125.0, nil, nil},
	{"arabian-sea", "Arabian Sea", geo.KindWater, 14.0, 65.0, nil, nil},
	{"aegean-sea", "Aegean Sea", geo.KindWater, 39.0, 25.0, []string{"Aegean"}, nil},
	{"adriatic-sea", "Adriatic Sea", geo.KindWater, 43.0, 15.0, []string{"Adriatic"}, nil},
	{"persian-gulf", "Persian Gulf", geo.KindWater, 26.9, 51.5, []string{"Arabian Gulf"}, nil},
	{"gulf-of-mexico", "Gulf of Mexico", geo.KindWater, 25.0, -90.0, nil, nil},
	{"gulf-of-aden", "Gulf of Aden", geo.KindWater, 12.5, 48.0, nil, nil},
	{"strait-of-hormuz", "Strait of Hormuz", geo.KindWater, 26.57, 56.25, nil, nil},
	{"english-channel", "English Channel", geo.KindWater, 50.2, -1.0, nil, nil},
	{"atlantic-ocean", "Atlantic Ocean", geo.KindWater, 10.0, -25.0, []string{"Atlantic"}, nil},
	{"pacific-ocean", "Pacific Ocean", geo.KindWater, 0.0, -160.0, []string{"Pacific"}, nil},
	{"indian-ocean", "Indian Ocean", geo.KindWater, -20.0, 80.0, nil, nil},
	{"arctic-ocean", "Arctic Ocean", geo.KindWater, 85.0, 0.0, nil, nil},
	{"nile", "Nile", geo.KindWater, 15.6, 32.5, []string{"Nile River", "River Nile"}, nil},
	{"mississippi-river", "Mississippi River", geo.KindWater, 32.3, -91.0, nil, nil},
	{"great-lakes", "Great Lakes", geo.KindWater, 45.0, -84.0, nil, nil},
}

// records returns the table as gazetteer records.
func regionRecords() []record {
	out := make([]record, 0, len(regions))
	for _, r := range regions {
		rec := record{Alts: r.alts, Demonyms: r.demonyms}
		rec.Key, rec.Name, rec.Kind = r.key, r.name, r.kind
		rec.Point[0], rec.Point[1] = r.lon, r.lat
		out = append(out, rec)
	}
	return out
}
