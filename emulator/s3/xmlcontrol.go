package s3

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strings"
	"unicode/utf8"
)

// S3 writes a key's C0 control characters, which XML 1.0 cannot carry, as
// character references ("&#x1b;", lowercase hex) in every answer that
// echoes the key: listings (xmlText), CreateMultipartUpload, errors.
// encoding/xml writes U+FFFD in their place, a different key, so
// marshalXML redoes such an answer with the characters swapped for
// private-use placeholders, then writes each placeholder as the reference.

// controlPlaceholder is the first of 32 private-use code points standing
// for U+0000..U+001F while an answer is marshalled.
const controlPlaceholder = 0xE000

var replacementUTF8 = []byte(string(utf8.RuneError))

// marshalXML is xml.Marshal writing control characters as S3 does. Only an
// answer in which encoding/xml wrote U+FFFD is marshalled again; one that
// already holds a placeholder code point keeps encoding/xml's output.
func marshalXML(v any) ([]byte, error) {
	out, err := xml.Marshal(v)
	if err != nil || !bytes.Contains(out, replacementUTF8) || holdsPlaceholder(out) {
		return out, err
	}
	again, err := xml.Marshal(mapStrings(reflect.ValueOf(v), controlsToPlaceholders).Interface())
	if err != nil {
		return out, nil
	}
	return placeholdersToRefs(again), nil
}

// holdsPlaceholder reports whether out has a placeholder code point.
func holdsPlaceholder(out []byte) bool {
	return bytes.ContainsFunc(out, func(r rune) bool { return r >= controlPlaceholder && r < controlPlaceholder+0x20 })
}

// controlsToPlaceholders swaps the control characters of s that XML
// cannot carry (all but tab, LF and CR) for placeholders; bytes that are
// not UTF-8 stay for encoding/xml's U+FFFD.
func controlsToPlaceholders(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 }) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, width := utf8.DecodeRuneInString(s[i:])
		if r < 0x20 && !xmlChar(r) {
			b.WriteRune(controlPlaceholder + r)
		} else {
			b.WriteString(s[i : i+width])
		}
		i += width
	}
	return b.String()
}

// placeholdersToRefs writes each placeholder of out as the character
// reference S3 writes for the control character it stands for.
func placeholdersToRefs(out []byte) []byte {
	var b bytes.Buffer
	for len(out) > 0 {
		r, width := utf8.DecodeRune(out)
		if r >= controlPlaceholder && r < controlPlaceholder+0x20 {
			b.WriteString(controlRef(r - controlPlaceholder))
		} else {
			b.Write(out[:width])
		}
		out = out[width:]
	}
	return b.Bytes()
}

// mapStrings returns a copy of v with f applied to every string reachable
// through pointers, interfaces, slices and exported struct fields; v is
// not changed (answers may share values with stored records).
func mapStrings(v reflect.Value, f func(string) string) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return v
		}
		inner := mapStrings(v.Elem(), f)
		if v.Kind() == reflect.Interface {
			out := reflect.New(v.Type()).Elem()
			out.Set(inner)
			return out
		}
		out := reflect.New(v.Type().Elem())
		out.Elem().Set(inner)
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				out.Field(i).Set(mapStrings(v.Field(i), f))
			}
		}
		return out
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(mapStrings(v.Index(i), f))
		}
		return out
	case reflect.String:
		return reflect.ValueOf(f(v.String())).Convert(v.Type())
	}
	return v
}
