// Package mapper copies fields between structs with the same field names.
package mapper

import "reflect"

// Copy sets every exported field of *dst from the field of the same name and type in src.
func Copy(dst, src interface{}) {
	dv := reflect.ValueOf(dst).Elem()
	sv := reflect.ValueOf(src)
	if sv.Kind() == reflect.Ptr {
		sv = sv.Elem()
	}
	dt := dv.Type()
	for i := 0; i < dt.NumField(); i++ {
		f := dt.Field(i)
		if !f.IsExported() {
			continue
		}
		from := sv.FieldByName(f.Name)
		if !from.IsValid() || from.Type() != f.Type {
			continue
		}
		dv.Field(i).Set(from)
	}
}
