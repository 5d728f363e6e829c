package postgis

// Unexported parts that the external tests check against a server.
var (
	SearchVector = searchVector
	TSQuery      = tsQuery
)
