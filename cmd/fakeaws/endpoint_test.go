package main

import "testing"

func TestDefaultEndpoint(t *testing.T) {
	for _, c := range []struct {
		env  []string
		want string
	}{
		{nil, "http://127.0.0.1:4566"},
		{[]string{"FAKEAWS_ADDR=127.0.0.1:5000"}, "http://127.0.0.1:5000"},
		{[]string{"FAKEAWS_ADDR=0.0.0.0:4570"}, "http://127.0.0.1:4570"},
		{[]string{"FAKEAWS_ADDR=:4571"}, "http://127.0.0.1:4571"},
		{[]string{"FAKEAWS_ADDR=[::]:4572"}, "http://[::1]:4572"},
		{[]string{"FAKEAWS_ADDR=[::1]:4573"}, "http://[::1]:4573"},
		{[]string{"FAKEAWS_ADDR=localhost:4574"}, "http://localhost:4574"},
		{[]string{"FAKEAWS_ADDR=127.0.0.1:0"}, "http://127.0.0.1:4566"},
		{[]string{"FAKEAWS_ADDR=not-an-address"}, "http://127.0.0.1:4566"},
		{[]string{"FAKEAWS_ADDR="}, "http://127.0.0.1:4566"},
		{[]string{"OTHER_FAKEAWS_ADDR=127.0.0.1:9"}, "http://127.0.0.1:4566"},
	} {
		if got := defaultEndpoint(c.env); got != c.want {
			t.Errorf("defaultEndpoint(%q) = %q, want %q", c.env, got, c.want)
		}
	}
}
