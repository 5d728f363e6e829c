package handlers

import (
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/gorilla/mux"

	"mentionmap/geo"
)

// Options configure the API.
type Options struct {
	MaxBodyBytes int64    // request body limit; default 10 MB
	MaxBatch     int      // articles in one NDJSON body; default 10,000
	CORSOrigins  []string // origins allowed to read; default "*"
	Token        string   // when set, writes need "Authorization: Bearer <Token>"
	// Analysts are more write tokens, each naming the analyst who holds
	// it, by token: the audit log of corrections records the name.
	Analysts   map[string]string
	Assets     fs.FS      // the front end (index.html and its files); optional
	TileURL    string     // optional raster base map for the page, e.g. an OpenStreetMap URL template
	TileAttrib string     // attribution for TileURL
	Feeds      FeedLister // the polled feeds, for GET /feeds; optional
	Logger     *slog.Logger

	RequestTimeout time.Duration // the longest a request may work; default 30 s
	WriteTimeout   time.Duration // the longest one write to a client may block; default 15 s
	SpoolDir       string        // where answers larger than 1 MB wait to be sent; default os.TempDir()
	MaxHeavy       int           // expensive reads at once (admission.go); default 4

	// Counts counts mentions per place and per interval, for tiles,
	// clusters and timelines, such as an in-memory copy (package
	// columns); default the store.
	Counts Counter
	// BBoxes gives the extents of areas by place key (the gazetteer), for
	// the bbox property of countries and divisions; optional.
	BBoxes geo.BBoxes
	// Places finds gazetteer places by name, for GET /places/search;
	// without it that route answers 404.
	Places geo.PlaceFinder
}

// Counter counts mentions per place and per interval.
type Counter interface {
	geo.PlaceCounter
	geo.Timeliner
}

// Server holds what the handlers need.
type Server struct {
	store  geo.ArticleStore
	parser geo.Geoparser
	opts   Options
	log    *slog.Logger

	indexes indexCache // cluster indexes for tiles
	tiles   tileCache  // encoded tiles
	heavy   gate       // slots for expensive reads
}

// New returns the API as an http.Handler.
func New(store geo.ArticleStore, parser geo.Geoparser, opts Options) http.Handler {
	return NewServer(store, parser, opts).Handler()
}

// NewServer returns the server, whose Handler is the API and whose
// WatchEvents the webhook dispatcher reads (package alerts).
func NewServer(store geo.ArticleStore, parser geo.Geoparser, opts Options) *Server {
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 10 << 20
	}
	if opts.MaxBatch <= 0 {
		opts.MaxBatch = 10_000
	}
	if opts.RequestTimeout <= 0 {
		opts.RequestTimeout = 30 * time.Second
	}
	if opts.WriteTimeout <= 0 {
		opts.WriteTimeout = 15 * time.Second
	}
	if opts.MaxHeavy <= 0 {
		opts.MaxHeavy = 4
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Counts == nil {
		opts.Counts = store
	}
	return &Server{store: store, parser: parser, opts: opts, log: opts.Logger, heavy: make(gate, opts.MaxHeavy)}
}

// Handler is the API: its routes, behind request ids, recovery, security
// headers, CORS and deadlines.
func (s *Server) Handler() http.Handler {
	r := mux.NewRouter()
	r.HandleFunc("/healthz", s.health).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/articles", s.requireToken(http.HandlerFunc(s.createArticles))).Methods(http.MethodPost)
	r.HandleFunc("/articles", s.listArticles).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/articles/{id}", s.getArticle).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/places/search", s.searchPlaces).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/watches", s.requireToken(http.HandlerFunc(s.createWatch))).Methods(http.MethodPost)
	r.HandleFunc("/watches", s.listWatches).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/watches/{id}", s.getWatch).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/watches/{id}/feed.atom", s.watchFeed).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/mentions/{id}/place", s.requireToken(http.HandlerFunc(s.correctMention))).Methods(http.MethodPut)
	r.HandleFunc("/corrections", s.listCorrections).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/stories/{id}", s.getStory).Methods(http.MethodGet, http.MethodHead)
	r.Handle("/corrections/{id}/undo", s.requireToken(http.HandlerFunc(s.undoCorrection))).Methods(http.MethodPost)
	r.Handle("/watches/{id}/deliveries", s.requireToken(http.HandlerFunc(s.watchDeliveries))).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/places/{id}", s.getPlace).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/places/{id}/timeline", s.timeline).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/timeline", s.timeline).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/features.geojson", s.features).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/", s.landing).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/conformance", s.conformance).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/api", s.openAPI).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/collections", s.collections).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/collections/{collection}", s.getCollection).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/collections/{collection}/items", s.items).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/collections/{collection}/items/{fid}", s.item).Methods(http.MethodGet, http.MethodHead)
	r.PathPrefix("/assets/").HandlerFunc(s.assets).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/tiles/{z}/{x}/{y}.mvt", s.tile).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/tiles.json", s.tileJSON).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/config.json", s.config).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/feeds", s.feeds).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/clusters.geojson", s.clustersGeoJSON).Methods(http.MethodGet, http.MethodHead)
	r.NotFoundHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, r, s.log, geo.Errorf(geo.ENOTFOUND, "no route for %s", r.URL.Path))
	})
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusMethodNotAllowed)
		json.NewEncoder(w).Encode(problem{Type: "about:blank", Title: "Method Not Allowed", Status: 405,
			Detail: r.Method + " is not allowed on " + r.URL.Path})
	})
	return requestIDs(s.recoverer(s.securityHeaders(s.cors(s.deadline(r)))))
}

// FeedLister reports the state of the feeds the server polls.
type FeedLister interface{ Status() []geo.FeedStatus }

// feeds is GET /feeds: each polled feed's last poll, status and counts.
func (s *Server) feeds(w http.ResponseWriter, r *http.Request) {
	list := []geo.FeedStatus{}
	if s.opts.Feeds != nil {
		list = s.opts.Feeds.Status()
	}
	writeJSON(w, http.StatusOK, map[string]any{"feeds": list})
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, st int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(st)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func (s *Server) health(w http.ResponseWriter, r *http.Request) {
	if err := s.store.Ping(r.Context()); err != nil {
		writeError(w, r, s.log, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
}
