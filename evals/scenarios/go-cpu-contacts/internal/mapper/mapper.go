// Package mapper copies values between structs of different layers by field name.
package mapper

import (
	"fmt"
	"reflect"
)

// Copy sets every exported field of *dst from the field of src with the same
// name and an assignable type. Fields of dst without a counterpart are left alone.
func Copy(dst, src interface{}) error {
	dv := reflect.ValueOf(dst)
	if dv.Kind() != reflect.Pointer || dv.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("mapper: dst must be a pointer to a struct, got %T", dst)
	}
	dv = dv.Elem()
	sv := reflect.Indirect(reflect.ValueOf(src))
	if sv.Kind() != reflect.Struct {
		return fmt.Errorf("mapper: src must be a struct, got %T", src)
	}
	dt := dv.Type()
	for i := 0; i < dt.NumField(); i++ {
		f := dt.Field(i)
		if !f.IsExported() {
			continue
		}
		sf := sv.FieldByName(f.Name)
		if !sf.IsValid() || !sf.Type().AssignableTo(f.Type) {
			continue
		}
		dv.Field(i).Set(sf)
	}
	return nil
}

// CopyAll maps every element of src into a new element appended to *dst.
// dst must point to a slice of structs, src must be a slice.
func CopyAll(dst, src interface{}) error {
	dv := reflect.ValueOf(dst)
	if dv.Kind() != reflect.Pointer || dv.Elem().Kind() != reflect.Slice {
		return fmt.Errorf("mapper: dst must be a pointer to a slice, got %T", dst)
	}
	sv := reflect.ValueOf(src)
	if sv.Kind() != reflect.Slice {
		return fmt.Errorf("mapper: src must be a slice, got %T", src)
	}
	out := dv.Elem()
	elem := out.Type().Elem()
	for i := 0; i < sv.Len(); i++ {
		item := reflect.New(elem)
		if err := Copy(item.Interface(), sv.Index(i).Interface()); err != nil {
			return err
		}
		out = reflect.Append(out, item.Elem())
	}
	dv.Elem().Set(out)
	return nil
}
