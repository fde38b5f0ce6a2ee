// Package templates holds the e-mail templates.
package templates

const layout = `{{define "layout"}}<!DOCTYPE html>
<html lang="{{.Locale}}"><head><meta charset="utf-8"><title>{{template "subject" .}}</title>
<style>body{font-family:Helvetica,Arial,sans-serif;color:#222}table{border-collapse:collapse}td{padding:4px 8px}</style>
</head><body>
<table width="100%"><tr><td><img src="https://static.acme.example/logo.png" alt="Acme"></td></tr>
<tr><td><p>Hello {{.Name}},</p>{{template "body" .}}</td></tr>
<tr><td><p style="font-size:11px;color:#888">You receive this e-mail because you have an account at Acme.
<a href="https://acme.example/account/notifications?email={{.To}}">Notification settings</a></p></td></tr></table>
</body></html>{{end}}`

// Sources maps an event kind to its template source (subject and body blocks).
var Sources = map[string]string{
	"order_placed": layout + `{{define "subject"}}Your order {{.OrderID}}{{end}}
{{define "body"}}<p>Thank you for your order <b>{{.OrderID}}</b> of {{.At.Format "2 Jan 2006"}}.</p>
<table>{{range .Items}}<tr><td>{{.Name}}</td><td>{{.Qty}}</td><td>{{cents .UnitCents}}</td><td>{{cents (mul .Qty .UnitCents)}}</td></tr>{{end}}
<tr><td colspan="3"><b>Total</b></td><td><b>{{cents (total .Items)}}</b></td></tr></table>
<p><a href="https://acme.example/orders/{{.OrderID}}">View your order</a></p>{{end}}`,
	"order_shipped": layout + `{{define "subject"}}Order {{.OrderID}} is on its way{{end}}
{{define "body"}}<p>Your order <b>{{.OrderID}}</b> was handed to {{.Carrier}}.</p>
{{if .Tracking}}<p>Tracking number: <a href="https://track.acme.example/{{.Carrier}}/{{.Tracking}}">{{.Tracking}}</a></p>{{end}}
<table>{{range .Items}}<tr><td>{{.Name}}</td><td>{{.Qty}}</td></tr>{{end}}</table>{{end}}`,
	"password_reset": layout + `{{define "subject"}}Reset your password{{end}}
{{define "body"}}<p>Someone asked to reset the password of {{.To}}.</p>
<p><a href="{{.ResetURL}}">Choose a new password</a> (the link expires in 30 minutes).</p>
<p>If this was not you, you can ignore this e-mail.</p>{{end}}`,
}
