// Package querytest helps test the hand-written XML writers that stand in
// for encoding/xml on hot answers (the IAM lists' query.ResultWriter
// implementations, S3's list encoders): Fill sets every field of a result,
// so a test comparing a writer with encoding/xml fails when a field is
// added to the result but not to its writer. Production code never
// imports it.
package querytest

import "reflect"

// Fill sets every exported field under v, which must be a pointer, to a
// non-zero value: strings to text that needs escaping, numbers to 7,
// booleans to true, a pointer to a new filled value, a slice to two filled
// elements. Unexported fields are left alone: encoding/xml never writes
// them.
func Fill(v any) {
	fill(reflect.ValueOf(v).Elem())
}

func fill(v reflect.Value) {
	switch v.Kind() {
	case reflect.String:
		v.SetString("v<&>")
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem())
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := 0; i < 2; i++ {
			fill(v.Index(i))
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).CanSet() {
				fill(v.Field(i))
			}
		}
	}
}
