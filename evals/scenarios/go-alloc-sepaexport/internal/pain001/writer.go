// Package pain001 writes SEPA credit-transfer initiation files (ISO 20022 pain.001.001.03).
package pain001

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"time"

	"github.com/acme/sepaexport/internal/charset"
	"github.com/acme/sepaexport/internal/payees"
)

// File is one written payment file.
type File struct {
	MessageID  string
	Count      int
	TotalCents int64
	XML        []byte
}

// Writer writes the pay runs of one initiating party.
type Writer struct {
	InitiatingParty string
	seq             int
}

// Write renders one pay run as a pain.001 document.
func (w *Writer) Write(run payees.Run, created time.Time) (File, error) {
	w.seq++
	msgID := fmt.Sprintf("%s-%s-%06d", run.Tenant, created.Format("20060102"), w.seq)
	var total int64
	for _, p := range run.Payments {
		total += p.AmountCents
	}
	var b bytes.Buffer
	b.Grow(512 + 900*len(run.Payments))
	b.WriteString(xml.Header)
	b.WriteString(`<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"><CstmrCdtTrfInitn>`)
	fmt.Fprintf(&b, "<GrpHdr><MsgId>%s</MsgId><CreDtTm>%s</CreDtTm><NbOfTxs>%d</NbOfTxs><CtrlSum>%s</CtrlSum>",
		msgID, created.Format("2006-01-02T15:04:05"), len(run.Payments), amount(total))
	element(&b, "InitgPty><Nm", charset.Sanitize(w.InitiatingParty, charset.MaxName))
	b.WriteString("</GrpHdr>")

	b.WriteString("<PmtInf><PmtInfId>")
	b.WriteString(charset.Sanitize(msgID+"-1", charset.MaxReference))
	fmt.Fprintf(&b, "</PmtInfId><PmtMtd>TRF</PmtMtd><NbOfTxs>%d</NbOfTxs><CtrlSum>%s</CtrlSum>", len(run.Payments), amount(total))
	b.WriteString("<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl><CtgyPurp><Cd>SALA</Cd></CtgyPurp></PmtTpInf>")
	fmt.Fprintf(&b, "<ReqdExctnDt>%s</ReqdExctnDt>", run.Execution.Format("2006-01-02"))
	element(&b, "Dbtr><Nm", charset.Sanitize(run.DebtorName, charset.MaxName))
	fmt.Fprintf(&b, "</Dbtr><DbtrAcct><Id><IBAN>%s</IBAN></Id></DbtrAcct><DbtrAgt><FinInstnId><BIC>%s</BIC></FinInstnId></DbtrAgt><ChrgBr>SLEV</ChrgBr>",
		run.DebtorIBAN, run.DebtorBIC)

	for _, p := range run.Payments {
		if err := ValidIBAN(p.Payee.IBAN); err != nil {
			return File{}, fmt.Errorf("payee %s: %w", p.Payee.ID, err)
		}
		b.WriteString("<CdtTrfTxInf><PmtId><EndToEndId>")
		b.WriteString(charset.Sanitize(p.EndToEnd, charset.MaxReference))
		fmt.Fprintf(&b, "</EndToEndId></PmtId><Amt><InstdAmt Ccy=\"EUR\">%s</InstdAmt></Amt>", amount(p.AmountCents))
		fmt.Fprintf(&b, "<CdtrAgt><FinInstnId><BIC>%s</BIC></FinInstnId></CdtrAgt>", p.Payee.BIC)
		b.WriteString("<Cdtr><Nm>")
		b.WriteString(charset.Sanitize(p.Payee.Name, charset.MaxName))
		b.WriteString("</Nm><PstlAdr><Ctry>")
		b.WriteString(p.Payee.Country)
		b.WriteString("</Ctry><AdrLine>")
		b.WriteString(charset.Sanitize(p.Payee.Street, charset.MaxAddress))
		b.WriteString("</AdrLine><AdrLine>")
		b.WriteString(charset.Sanitize(p.Payee.Town, charset.MaxAddress))
		fmt.Fprintf(&b, "</AdrLine></PstlAdr></Cdtr><CdtrAcct><Id><IBAN>%s</IBAN></Id></CdtrAcct>", p.Payee.IBAN)
		element(&b, "RmtInf><Ustrd", charset.Sanitize(p.Remittance, charset.MaxRemittance))
		b.WriteString("</RmtInf></CdtTrfTxInf>")
	}
	b.WriteString("</PmtInf></CstmrCdtTrfInitn></Document>")
	return File{MessageID: msgID, Count: len(run.Payments), TotalCents: total, XML: b.Bytes()}, nil
}

// element writes <open>text</close-of-the-innermost-tag>; open may name nested tags
// ("Dbtr><Nm"), the caller closes the outer ones.
func element(b *bytes.Buffer, open, text string) {
	b.WriteByte('<')
	b.WriteString(open)
	b.WriteByte('>')
	b.WriteString(text)
	inner := open
	for i := len(open) - 1; i >= 0; i-- {
		if open[i] == '<' {
			inner = open[i+1:]
			break
		}
	}
	b.WriteString("</")
	b.WriteString(inner)
	b.WriteByte('>')
}

func amount(cents int64) string {
	return strconv.FormatInt(cents/100, 10) + "." + fmt.Sprintf("%02d", cents%100)
}
