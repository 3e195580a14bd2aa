package s3select

import (
	"fmt"
	"net/http"
)

// Error is an S3 Select refusal: an AWS error code with its HTTP status
// and message. Before the first event of the answer is sent it is the
// HTTP error answer; after, an error event of the stream.
type Error struct {
	Code    string
	Message string
	Status  int
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// errorMessages are the descriptions of AWS's "List of SELECT Object
// Content Error Codes" (docs.aws.amazon.com/AmazonS3/latest/API/
// ErrorResponses.html#SelectObjectContentErrorCodeList) for the codes
// this package answers.
var errorMessages = map[string]string{
	"AmbiguousFieldName":                        "The field name matches to multiple fields in the file. Check the SQL expression and the file, and try again.",
	"CastFailed":                                "An attempt to convert from one data type to another using CAST failed in the SQL expression.",
	"CSVEscapingRecordDelimiter":                "A quoted record delimiter was found in the file. To allow quoted record delimiters, set AllowQuotedRecordDelimiter to 'TRUE'.",
	"CSVParsingError":                           "An error occurred while parsing the CSV file. Check the file and try again.",
	"EmptyRequestBody":                          "The request body cannot be empty.",
	"EvaluatorBindingDoesNotExist":              "A column name or a path provided does not exist in the SQL expression.",
	"EvaluatorInvalidArguments":                 "There is an incorrect number of arguments in the function call in the SQL expression.",
	"EvaluatorInvalidTimestampFormatPattern":    "The timestamp format string in the SQL expression is not valid.",
	"EvaluatorLikePatternInvalidEscapeSequence": "An argument given to the LIKE expression was not valid.",
	"EvaluatorNegativeLimit":                    "LIMIT must not be negative.",
	"ExpressionTooLong":                         "The SQL expression is too long. The maximum byte-length for an SQL expression is 256 KB.",
	"ExternalEvalException":                     "The query cannot be evaluated. Check the file and try again.",
	"IllegalSqlFunctionArgument":                "An illegal argument was used in the SQL function.",
	"IncorrectSqlFunctionArgumentType":          "An incorrect argument type was specified in a function call in the SQL expression.",
	"IntegerOverflow":                           "An integer overflow or underflow occurred in the SQL expression.",
	"InvalidCast":                               "An attempt to convert from one data type to another using CAST failed in the SQL expression.",
	"InvalidCompressionFormat":                  "The file is not in a supported compression format. Only GZIP and BZIP2 are supported.",
	"InvalidDataSource":                         "The data source type is not valid. Only CSV, JSON, and Parquet are supported.",
	"InvalidDataType":                           "The SQL expression contains a data type that is not valid.",
	"InvalidExpressionType":                     "The ExpressionType value is not valid. Only SQL expressions are supported.",
	"InvalidFileHeaderInfo":                     "The FileHeaderInfo value is not valid. Only NONE, USE, and IGNORE are supported.",
	"InvalidJsonType":                           "The JsonType value is not valid. Only DOCUMENT and LINES are supported.",
	"InvalidQuoteFields":                        "The QuoteFields value is not valid. Only ALWAYS and ASNEEDED are supported.",
	"InvalidRequestParameter":                   "The value of a parameter in the SelectRequest element is not valid. Check the service API documentation and try again.",
	"InvalidScanRange":                          "The provided scan range is not valid.",
	"InvalidTableAlias":                         "The SQL expression contains a table alias that is not valid.",
	"JSONParsingError":                          "An error occurred while parsing the JSON file. Check the file and try again.",
	"LexerInvalidChar":                          "The SQL expression contains a character that is not valid.",
	"LexerInvalidIONLiteral":                    "The SQL expression contains an operator that is not valid.",
	"LexerInvalidLiteral":                       "The SQL expression contains an operator that is not valid.",
	"LikeInvalidInputs":                         "The argument given to the LIKE clause in the SQL expression is not valid.",
	"MalformedXML":                              "The XML provided was not well formed or did not validate against our published schema. Check the service documentation and try again.",
	// Not on AWS's list, which names no message; the SQL reference names
	// the code.
	"MissingHeaderName":                          "The SQL expression names a header or attribute, in double quotes, that the object does not have.",
	"InvalidKeyPath":                             "The key path in the SQL expression is not valid.",
	"MissingRequiredParameter":                   "The SelectRequest entity is missing a required parameter. Check the service documentation and try again.",
	"ObjectSerializationConflict":                "InputSerialization specifies more than one format (CSV, JSON, or Parquet), or OutputSerialization specifies more than one format (CSV or JSON). For InputSerialization and OutputSerialization, you can specify only one format for each.",
	"OverMaxRecordSize":                          "The length of a record in the input or result is greater than the maxCharsPerRecord limit of 1 MB.",
	"ParseAsteriskIsNotAloneInSelectList":        "Other expressions are not allowed in the SELECT list when * is used without dot notation in the SQL expression.",
	"ParseCastArity":                             "The SQL expression CAST has incorrect arity.",
	"ParseEmptySelect":                           "The SQL expression contains an empty SELECT clause.",
	"ParseExpectedArgumentDelimiter":             "The expected argument delimiter in the SQL expression was not found.",
	"ParseExpectedDatePart":                      "The expected date part in the SQL expression was not found.",
	"ParseExpectedExpression":                    "The expected SQL expression was not found.",
	"ParseExpectedIdentForAlias":                 "The expected identifier for the alias in the SQL expression was not found.",
	"ParseExpectedKeyword":                       "The expected keyword in the SQL expression was not found.",
	"ParseExpectedLeftParenAfterCast":            "The expected left parenthesis after CAST in the SQL expression was not found.",
	"ParseExpectedNumber":                        "The expected number in the SQL expression was not found.",
	"ParseExpectedRightParenBuiltinFunctionCall": "The expected right parenthesis character in the SQL expression was not found.",
	"ParseExpectedTokenType":                     "The expected token in the SQL expression was not found.",
	"ParseExpectedTypeName":                      "The expected type name in the SQL expression was not found.",
	"ParseExpectedIdentForGroupName":             "GROUP is not supported in the SQL expression.",
	"ParseInvalidPathComponent":                  "The SQL expression contains a path component that is not valid.",
	"ParseMalformedJoin":                         "JOIN is not supported in the SQL expression.",
	"ParseNonUnaryAgregateFunctionCall":          "Only one argument is supported for aggregate functions in the SQL expression.",
	"ParseSelectMissingFrom":                     "The SQL expression contains a missing FROM after the SELECT list.",
	"ParseUnExpectedKeyword":                     "The SQL expression contains an unexpected keyword.",
	"ParseUnexpectedOperator":                    "The SQL expression contains an unexpected operator.",
	"ParseUnexpectedToken":                       "The SQL expression contains an unexpected token.",
	"ParseUnknownOperator":                       "The SQL expression contains an operator that is not valid.",
	"ParseUnsupportedCallWithStar":               "Only COUNT with (*) as a parameter is supported in the SQL expression.",
	"ParseUnsupportedCase":                       "The SQL expression contains an unsupported use of CASE.",
	"ParseUnsupportedSyntax":                     "The SQL expression contains unsupported syntax.",
	"TruncatedInput":                             "Object decompression failed. Check that the object is properly compressed using the format specified in the request.",
	"UnsupportedFunction":                        "S3 encountered an unsupported SQL function.",
	"UnsupportedRangeHeader":                     "A range header is not supported for this operation.",
	"UnsupportedScanRangeInput":                  "Scan range queries are not supported on this type of object.",
	"UnsupportedSqlOperation":                    "S3 encountered an unsupported SQL operation.",
	"UnsupportedSqlStructure":                    "S3 encountered an unsupported SQL structure. Check the SQL Reference.",
	"UnsupportedStorageClass":                    "The storage class is not supported. Only STANDARD, STANDARD_IA, and ONEZONE_IA storage classes are supported.",
	"UnsupportedSyntax":                          "The syntax is not valid.",
	"ValueParseFailure":                          "A timestamp parse failure occurred in the SQL expression.",
}

// fail is the 400 error of code with AWS's description of it.
func fail(code string) *Error {
	msg, ok := errorMessages[code]
	if !ok {
		panic(fmt.Sprintf("s3select: no message for %s", code))
	}
	return &Error{Code: code, Message: msg, Status: http.StatusBadRequest}
}

// NotImplemented is the 501 answer to a request fakeaws does not serve.
func NotImplemented(what string) *Error {
	return &Error{Code: "NotImplemented", Message: "fakeaws does not run S3 Select on " + what, Status: http.StatusNotImplemented}
}

// Refusal is the 400 error of code, one of AWS's S3 Select error codes
// the caller checks itself (UnsupportedRangeHeader,
// UnsupportedStorageClass).
func Refusal(code string) *Error { return fail(code) }
