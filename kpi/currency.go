package kpi

import "strings"

// iso4217 lists the active ISO 4217 currency codes.
var iso4217 = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range strings.Fields(`AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND
BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON
RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP
TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG`) {
		m[c] = true
	}
	return m
}()

// IsCurrency reports whether code is an ISO 4217 currency code such as "EUR".
func IsCurrency(code string) bool { return iso4217[code] }

// zeroDecimal lists currencies shown without minor units.
var zeroDecimal = map[string]bool{"JPY": true, "KRW": true, "CLP": true, "VND": true, "ISK": true,
	"HUF": false, "PYG": true, "UGX": true, "XAF": true, "XOF": true, "IDR": false}

// Decimals returns how many decimals code is displayed with: 0 for JPY, 2 for most.
func Decimals(code string) int {
	if zeroDecimal[code] {
		return 0
	}
	return 2
}

var currencySymbols = map[string]string{"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹",
	"AUD": "A$", "CAD": "C$", "BRL": "R$", "PLN": "zł", "CHF": "CHF", "SEK": "kr", "NOK": "kr", "DKK": "kr"}

// Symbol returns the usual symbol of code ("€"), or the code itself.
func Symbol(code string) string {
	if s, ok := currencySymbols[code]; ok {
		return s
	}
	return code
}
