package golden

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3 Select's TIMESTAMP type and date functions, replayed from the
// examples of AWS's SQL reference for Amazon S3 Select, each with the
// result the page documents; the refusals carry the codes and messages of
// AWS's "List of SELECT Object Content Error Codes".

const (
	selDateDocs  = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-select-sql-reference-date.html "
	selCastDocs  = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/s3-select-sql-reference-conversion.html (CAST example)"
	selErrorDocs = "https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#SelectObjectContentErrorCodeList "
)

// selOne runs "SELECT expr FROM S3Object" over one empty JSON record and
// wants the one record {"_1": want}, a timestamp written as its text.
func selOne(name, source, expr, want string) Case {
	lines := &types.OutputSerialization{JSON: &types.JSONOutput{}}
	in := &types.InputSerialization{JSON: &types.JSONInput{Type: types.JSONTypeLines}}
	return s3OK("SelectObjectContent/"+name, source, s3Steps(putKey("one.json", "{}\n")),
		selectCall("one.json", "SELECT "+expr+" FROM S3Object", in, lines),
		map[string]any{"Records": Len(1), "Records[0]": "{\"_1\":" + want + "}\n"})
}

// selRefused runs "SELECT expr FROM S3Object" and wants AWS's 400 error.
func selRefused(name, expr, code, message string) Case {
	c := selOne(name, selErrorDocs+"("+code+")", expr, "")
	c.Want = Want{Status: 400, Code: code, Message: message}
	return c
}

func TestS3SelectDateDocs(t *testing.T) {
	add, diff, ext := selDateDocs+"(DATE_ADD examples)", selDateDocs+"(DATE_DIFF examples)", selDateDocs+"(EXTRACT examples)"
	str, ts := selDateDocs+"(TO_STRING examples)", selDateDocs+"(TO_TIMESTAMP examples)"
	Run(t, []Case{
		selOne("DATE_ADD years to a day", add, "DATE_ADD(year, 5, `2010-01-01T`)", `"2015-01-01"`),
		selOne("DATE_ADD a month to a year adds precision", add, "DATE_ADD(month, 1, `2010T`)", `"2010-02T"`),
		selOne("DATE_ADD 13 months", add, "DATE_ADD(month, 13, `2010T`)", `"2011-02T"`),
		selOne("DATE_ADD a negative day", add, "DATE_ADD(day, -1, `2017-01-10T`)", `"2017-01-09"`),
		selOne("DATE_ADD an hour to a year: unknown offset", add, "DATE_ADD(hour, 1, `2017T`)", `"2017-01-01T01:00-00:00"`),
		selOne("DATE_ADD an hour", add, "DATE_ADD(hour, 1, `2017-01-02T03:04Z`)", `"2017-01-02T04:04Z"`),
		selOne("DATE_ADD a minute keeps the fraction", add, "DATE_ADD(minute, 1, `2017-01-02T03:04:05.006Z`)", `"2017-01-02T03:05:05.006Z"`),
		selOne("DATE_ADD a second", add, "DATE_ADD(second, 1, `2017-01-02T03:04:05.006Z`)", `"2017-01-02T03:04:06.006Z"`),
		selOne("DATE_DIFF years", diff, "DATE_DIFF(year, `2010-01-01T`, `2011-01-01T`)", "1"),
		selOne("DATE_DIFF months", diff, "DATE_DIFF(month, `2010T`, `2011T`)", "12"),
		selOne("DATE_DIFF negative months", diff, "DATE_DIFF(month, `2011T`, `2010T`)", "-12"),
		selOne("DATE_DIFF days need 24 hours", diff, "DATE_DIFF(day, `2010-01-01T23:00`, `2010-01-02T01:00`)", "0"),
		selOne("EXTRACT year", ext, "EXTRACT(YEAR FROM `2010-01-01T`)", "2010"),
		selOne("EXTRACT month of a year", ext, "EXTRACT(MONTH FROM `2010T`)", "1"),
		selOne("EXTRACT month", ext, "EXTRACT(MONTH FROM `2010-10T`)", "10"),
		selOne("EXTRACT hour", ext, "EXTRACT(HOUR FROM `2017-01-02T03:04:05+07:08`)", "3"),
		selOne("EXTRACT minute", ext, "EXTRACT(MINUTE FROM `2017-01-02T03:04:05+07:08`)", "4"),
		selOne("EXTRACT timezone_hour", ext, "EXTRACT(TIMEZONE_HOUR FROM `2017-01-02T03:04:05+07:08`)", "7"),
		selOne("EXTRACT timezone_minute", ext, "EXTRACT(TIMEZONE_MINUTE FROM `2017-01-02T03:04:05+07:08`)", "8"),
		selOne("TO_STRING full month", str, "TO_STRING(`1969-07-20T20:18Z`,  'MMMM d, y')", `"July 20, 1969"`),
		selOne("TO_STRING short month", str, "TO_STRING(`1969-07-20T20:18Z`, 'MMM d, yyyy')", `"Jul 20, 1969"`),
		selOne("TO_STRING two-digit year", str, "TO_STRING(`1969-07-20T20:18Z`, 'M-d-yy')", `"7-20-69"`),
		selOne("TO_STRING padded month", str, "TO_STRING(`1969-07-20T20:18Z`, 'MM-d-y')", `"07-20-1969"`),
		selOne("TO_STRING 12-hour clock", str, "TO_STRING(`1969-07-20T20:18Z`, 'MMMM d, y h:m a')", `"July 20, 1969 8:18 PM"`),
		selOne("TO_STRING quoted T and Z offset", str, "TO_STRING(`1969-07-20T20:18Z`, 'y-MM-dd''T''H:m:ssX')", `"1969-07-20T20:18:00Z"`),
		selOne("TO_STRING XXXX offset", str, "TO_STRING(`1969-07-20T20:18+08:00`, 'y-MM-dd''T''H:m:ssXXXX')", `"1969-07-20T20:18:00+0800"`),
		selOne("TO_STRING XXXXX offset", str, "TO_STRING(`1969-07-20T20:18+08:00`, 'y-MM-dd''T''H:m:ssXXXXX')", `"1969-07-20T20:18:00+08:00"`),
		selOne("TO_TIMESTAMP of a year", ts, "TO_TIMESTAMP('2007T')", `"2007T"`),
		selOne("TO_TIMESTAMP with fraction and offset", ts, "TO_TIMESTAMP('2007-02-23T12:14:33.079-08:00')", `"2007-02-23T12:14:33.079-08:00"`),
		selOne("CAST a string AS TIMESTAMP", selCastDocs, "CAST('2007-04-05T14:30Z' AS TIMESTAMP)", `"2007-04-05T14:30Z"`),
	})
}

// TestS3SelectDateRefusals replays the date functions' failures with the
// codes and messages of AWS's error code list, and UTCNOW's form.
func TestS3SelectDateRefusals(t *testing.T) {
	now := selOne("UTCNOW in UTC to the millisecond", selDateDocs+"(UTCNOW example: 2017-10-13T16:02:11.123Z)", "UTCNOW()", "")
	now.Want.Fields["Records[0]"] = Match(`^\{"_1":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"\}\n$`)
	Run(t, []Case{
		now,
		selRefused("CAST of a string that is no timestamp", "CAST('2007-04-05 14:30' AS TIMESTAMP)", "CastFailed",
			"An attempt to convert from one data type to another using CAST failed in the SQL expression."),
		selRefused("TO_TIMESTAMP of a string that is no timestamp", "TO_TIMESTAMP('2007')", "ValueParseFailure",
			"A timestamp parse failure occurred in the SQL expression."),
		selRefused("TO_STRING with a pattern letter off the table", "TO_STRING(`2007T`, 'yyyy-ddd')", "EvaluatorInvalidTimestampFormatPattern",
			"The timestamp format string in the SQL expression is not valid."),
		selRefused("DATE_ADD with a date part off the list", "DATE_ADD(week, 1, `2007T`)", "ParseExpectedDatePart",
			"The expected date part in the SQL expression was not found."),
		selRefused("DATE_ADD of a string", "DATE_ADD(year, 1, '2007T')", "IncorrectSqlFunctionArgumentType",
			"An incorrect argument type was specified in a function call in the SQL expression."),
		selRefused("DATE_DIFF without its third argument", "DATE_DIFF(year, `2007T`)", "EvaluatorInvalidArguments",
			"There is an incorrect number of arguments in the function call in the SQL expression."),
	})
}
