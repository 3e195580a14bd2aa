// Package s3select runs S3 Select queries (SelectObjectContent) over CSV
// and JSON objects: it reads the request (request.go), parses the SQL
// expression (lexer.go, parser.go) into a query over the records of the
// object (CSV rows or JSON values, input.go, csv.go; a ScanRange's
// records, scanrange.go), evaluates it
// (eval.go, funcs.go, datefuncs.go, query.go), writes the selected records as CSV or
// JSON (output.go) and frames them as the response's event stream of
// Records, Progress, Stats and End messages (stream.go), encoded with the
// AWS SDK's event stream encoder.
//
// The SQL is the subset of AWS's "SQL reference for Amazon S3 Select"
// listed in docs/s3select.md: SELECT * or a list of expressions with
// aliases; FROM S3Object with a path ([*], .name, [n]) and an alias;
// WHERE with comparisons, AND/OR/NOT, LIKE, IN, BETWEEN, IS [NOT]
// NULL/MISSING and arithmetic; LIMIT; the aggregates COUNT, SUM, AVG,
// MIN and MAX; CAST to INT, FLOAT, DECIMAL, STRING, BOOL and TIMESTAMP;
// LOWER, UPPER, TRIM, SUBSTRING, CHAR_LENGTH, COALESCE, NULLIF and CASE;
// TIMESTAMP values (timestamp.go: `backquoted` literals, their text form,
// comparison) and the date functions DATE_ADD, DATE_DIFF, EXTRACT,
// TO_STRING (tostring.go), TO_TIMESTAMP and UTCNOW (datefuncs.go). Anything
// outside it is refused with AWS's error for an unsupported or invalid
// expression (UnsupportedFunction, UnsupportedSqlStructure, Parse...),
// never answered with a guess.
//
// Records are read one at a time from the (decompressed) object and the
// answer is produced as the response body is read, so an object is never
// held in memory whole.
package s3select
