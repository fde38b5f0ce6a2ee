package notices

// layout is the reminder e-mail. One layout covers every locale, plan and
// stage so that copy changes are made in one place.
const layout = `{{define "greeting"}}{{if eq .Locale "de"}}Sehr geehrte Damen und Herren von {{.Company}},{{else if eq .Locale "fr"}}Madame, Monsieur ({{.Company}}),{{else if eq .Locale "es"}}Estimados señores de {{.Company}}:{{else}}Dear {{.Contact}} at {{.Company}},{{end}}{{end}}
{{define "intro"}}{{if eq .Stage 1}}{{if eq .Locale "de"}}wir möchten Sie freundlich daran erinnern, dass folgende Rechnungen noch offen sind.{{else if eq .Locale "fr"}}nous vous rappelons que les factures suivantes restent impayées.{{else if eq .Locale "es"}}le recordamos que las siguientes facturas siguen pendientes.{{else}}this is a friendly reminder that the following invoices are still open.{{end}}{{else if eq .Stage 2}}{{if eq .Locale "de"}}trotz unserer Erinnerung sind folgende Rechnungen weiterhin offen.{{else if eq .Locale "fr"}}malgré notre rappel, les factures suivantes restent impayées.{{else if eq .Locale "es"}}a pesar de nuestro recordatorio, las siguientes facturas siguen pendientes.{{else}}despite our earlier reminder the following invoices remain unpaid.{{end}}{{else}}{{if eq .Locale "de"}}dies ist die letzte Mahnung vor der Sperrung Ihres Kontos.{{else if eq .Locale "fr"}}ceci est le dernier rappel avant la suspension de votre compte.{{else if eq .Locale "es"}}este es el último aviso antes de suspender su cuenta.{{else}}this is the final notice before your account is suspended.{{end}}{{end}}{{end}}
{{define "row"}}  {{.Number}}  {{date .Issued}}  {{date .Due}}  {{money .Amount .Currency}}
{{end}}
{{define "plan"}}{{if eq .Plan "enterprise"}}{{if eq .Locale "de"}}Ihr Kundenbetreuer meldet sich in den nächsten Tagen bei Ihnen.{{else if eq .Locale "fr"}}Votre gestionnaire de compte vous contactera prochainement.{{else if eq .Locale "es"}}Su gestor de cuenta se pondrá en contacto con usted.{{else}}Your account manager will reach out in the coming days.{{end}}{{else if eq .Plan "business"}}{{if eq .Locale "de"}}Bei Fragen wenden Sie sich an billing@acme.example oder +49 30 1234567.{{else if eq .Locale "fr"}}Pour toute question: billing@acme.example ou +33 1 23 45 67 89.{{else if eq .Locale "es"}}Para cualquier duda: billing@acme.example o +34 91 123 45 67.{{else}}Questions? billing@acme.example or +1 555 0100.{{end}}{{else if eq .Plan "team"}}{{if eq .Locale "de"}}Sie können die Zahlungsmethode im Team-Dashboard ändern.{{else if eq .Locale "fr"}}Vous pouvez changer de moyen de paiement dans le tableau de bord.{{else if eq .Locale "es"}}Puede cambiar el método de pago en el panel del equipo.{{else}}You can change the payment method in the team dashboard.{{end}}{{else}}{{if eq .Locale "de"}}Aktualisieren Sie Ihre Karte unter acme.example/billing.{{else if eq .Locale "fr"}}Mettez à jour votre carte sur acme.example/billing.{{else if eq .Locale "es"}}Actualice su tarjeta en acme.example/billing.{{else}}Update your card at acme.example/billing.{{end}}{{end}}{{end}}
{{define "consequence"}}{{if ge .Stage 3}}{{if eq .Locale "de"}}Ohne Zahlung bis {{date .Deadline}} wird der Zugang gesperrt und der Vorgang an unser Inkassobüro übergeben.{{else if eq .Locale "fr"}}Sans paiement avant le {{date .Deadline}}, l'accès sera suspendu et le dossier transmis au recouvrement.{{else if eq .Locale "es"}}Sin pago antes del {{date .Deadline}}, el acceso se suspenderá y el caso pasará a cobros.{{else}}Without payment by {{date .Deadline}} access will be suspended and the case passed to collections.{{end}}{{else if eq .Stage 2}}{{if eq .Locale "de"}}Bitte begleichen Sie den Betrag bis {{date .Deadline}}.{{else if eq .Locale "fr"}}Merci de régler avant le {{date .Deadline}}.{{else if eq .Locale "es"}}Por favor, pague antes del {{date .Deadline}}.{{else}}Please settle the balance by {{date .Deadline}}.{{end}}{{else}}{{if eq .Locale "de"}}Falls Sie bereits gezahlt haben, betrachten Sie diese Nachricht als gegenstandslos.{{else if eq .Locale "fr"}}Si vous avez déjà payé, veuillez ignorer ce message.{{else if eq .Locale "es"}}Si ya ha pagado, ignore este mensaje.{{else}}If you have already paid, please disregard this message.{{end}}{{end}}{{end}}
{{define "signature"}}{{if eq .Locale "de"}}Mit freundlichen Grüßen{{else if eq .Locale "fr"}}Cordialement{{else if eq .Locale "es"}}Atentamente{{else}}Kind regards{{end}},
Acme Billing{{end}}
{{define "body"}}{{template "greeting" .}}

{{template "intro" .}}

{{range .Invoices}}{{template "row" .}}{{end}}
  {{if eq .Locale "de"}}Gesamt{{else if eq .Locale "fr"}}Total{{else if eq .Locale "es"}}Total{{else}}Total{{end}}: {{money .Total .Currency}}

{{template "consequence" .}}
{{template "plan" .}}

{{template "signature" .}}
{{end}}`

// subjects are the subject lines per stage.
var subjects = map[int]string{
	1: "Payment reminder",
	2: "Second reminder: invoices overdue",
	3: "Final notice before suspension",
}
