package importers

import (
	"fmt"
	"strings"
	"time"

	"github.com/roibook/roibook/kpi"
)

// Meta reads Meta Ads Manager and Ads Reporting exports (Facebook and
// Instagram ads), CSV or XLSX, in English, Japanese, Portuguese (BR),
// Spanish or French. A real Ads Reporting header (UTF-8 with BOM, LF,
// quoted only where a value has a space, a comma or a quote):
//
//	"Campaign name","Ad set name","Ad name",Reach,Impressions,Frequency,Currency,"Amount spent (INR)",
//	Purchases,"Purchases conversion value","Adds to cart","Link clicks",...,"Reporting starts","Reporting ends"
//
// and a real Japanese one: キャンペーン名,広告セット名,アカウント名,広告名,広告の配信,リーチ,
// インプレッション,クリック(すべて),通貨,CPC(すべて),"消化金額 (JPY)",開始,終了日時,レポート開始日,レポート終了日.
//
// Quirks handled (export-formats.md §1):
//   - a BOM (Ads Reporting) or none (Ads Manager "Export table data");
//   - an optional summary row directly under the header, with every name
//     cell empty: not a record, but the platform totals for the totals
//     check (its Reach is de-duplicated, its spend may be rounded);
//   - `"No data available."` as the only line after the header;
//   - daily rows as `Reporting starts` = `Reporting ends` (Ads Manager
//     "Days") or a `Day` column; any other row is a period aggregate;
//   - the currency only in the `Amount spent (XXX)` header suffix, or in a
//     `Currency` column;
//   - duplicate header names (the first wins), multi-line quoted ad copy,
//     scientific notation (7.48E-6), IDs that are never parsed as numbers.
//
// `Results` is never read: it counts a different event on each row. Ratio
// columns (CTR, CPC, CPM, ROAS, Frequency, Cost per …) are never read
// either. Meta has no conversions column: roibook's conversions for Meta
// are Purchases.
type Meta struct{}

// Pseudo fields for columns that stand in for a metric only when the
// export lacks the main column: "Purchases" includes website purchases,
// "Leads" includes website and on-Facebook leads.
const (
	fWebsitePurchases = "purchases_website"
	fWebsiteValue     = "conversion_value_website"
	fWebsiteLeads     = "leads_website"
	fFacebookLeads    = "leads_on_facebook"
)

// A metaCol lists one field's header names per UI language. English and
// the Japanese, Portuguese and Spanish identity, spend, traffic and date
// names come from real exports (export-formats.md §1.3, §1.7); the other
// translations follow Meta's UI wording and are marked by the field, not
// proven by a file, so they only ever add matches.
type metaCol struct {
	field              string
	en, ja, pt, es, fr []string
}

var metaFields = []metaCol{
	{field: fDay, en: []string{"Day"}, ja: []string{"日"}, pt: []string{"Dia"}, es: []string{"Día"}, fr: []string{"Jour"}},
	{field: fStart, en: []string{"Reporting starts"}, ja: []string{"レポート開始日"},
		pt: []string{"Início dos relatórios"}, es: []string{"Inicio del informe"}, fr: []string{"Début des rapports"}},
	{field: fEnd, en: []string{"Reporting ends"}, ja: []string{"レポート終了日"},
		pt: []string{"Término dos relatórios", "Encerramento dos relatórios"}, es: []string{"Fin del informe"},
		fr: []string{"Fin des rapports"}},
	{field: fAccount, en: []string{"Account name"}, ja: []string{"アカウント名", "広告アカウント名"},
		pt: []string{"Nome da conta"}, es: []string{"Nombre de la cuenta"}, fr: []string{"Nom du compte"}},
	{field: fCampaign, en: []string{"Campaign name"}, ja: []string{"キャンペーン名"},
		pt: []string{"Nome da campanha"}, es: []string{"Nombre de la campaña"}, fr: []string{"Nom de la campagne"}},
	{field: fAdSet, en: []string{"Ad set name"}, ja: []string{"広告セット名"},
		pt: []string{"Nome do conjunto de anúncios"}, es: []string{"Nombre del conjunto de anuncios"},
		fr: []string{"Nom de l'ensemble de publicités", "Nom de l’ensemble de publicités"}},
	{field: fAd, en: []string{"Ad name"}, ja: []string{"広告名", "広告の名前"},
		pt: []string{"Nome do anúncio"}, es: []string{"Nombre del anuncio"}, fr: []string{"Nom de la publicité"}},
	{field: fCurrency, en: []string{"Currency"}, ja: []string{"通貨"}, pt: []string{"Moeda"},
		es: []string{"Moneda", "Divisa"}, fr: []string{"Devise"}},
	{field: fSpend, en: []string{"Amount spent"}, ja: []string{"消化金額"}, pt: []string{"Valor usado"},
		es: []string{"Importe gastado"}, fr: []string{"Montant dépensé"}},
	{field: fImpressions, en: []string{"Impressions"}, ja: []string{"インプレッション"}, pt: []string{"Impressões"},
		es: []string{"Impresiones"}, fr: []string{"Impressions"}},
	{field: fReach, en: []string{"Reach"}, ja: []string{"リーチ"}, pt: []string{"Alcance"}, es: []string{"Alcance"},
		fr: []string{"Couverture"}},
	{field: fClicks, en: []string{"Clicks (all)"}, ja: []string{"クリック(すべて)"}, pt: []string{"Cliques (todos)"},
		es: []string{"Clics (todos)"}, fr: []string{"Clics (tous)"}},
	{field: fLinkClicks, en: []string{"Link clicks"}, ja: []string{"リンクのクリック"}, pt: []string{"Cliques no link"},
		es: []string{"Clics en el enlace"}, fr: []string{"Clics sur un lien", "Clics sur le lien"}},
	{field: fLandingPageViews, en: []string{"Landing page views"}, ja: []string{"ランディングページビュー"},
		pt: []string{"Visualizações da página de destino"}, es: []string{"Visitas a la página de destino"},
		fr: []string{"Vues de page de destination"}},
	{field: fPurchases, en: []string{"Purchases"}, ja: []string{"購入"}, pt: []string{"Compras"},
		es: []string{"Compras"}, fr: []string{"Achats"}},
	{field: fWebsitePurchases, en: []string{"Website purchases"}, ja: []string{"ウェブサイトでの購入"},
		pt: []string{"Compras no site"}, es: []string{"Compras en el sitio web"}, fr: []string{"Achats sur le site web"}},
	{field: fConversionValue, en: []string{"Purchases conversion value", "Purchase conversion value"},
		ja: []string{"購入のコンバージョン値"}, pt: []string{"Valor de conversão da compra", "Valor de conversão de compras"},
		es: []string{"Valor de conversión de compras"}, fr: []string{"Valeur de conversion des achats"}},
	{field: fWebsiteValue, en: []string{"Website purchases conversion value"}, ja: []string{"ウェブサイトでの購入のコンバージョン値"},
		pt: []string{"Valor de conversão de compras no site"}, es: []string{"Valor de conversión de compras en el sitio web"},
		fr: []string{"Valeur de conversion des achats sur le site web"}},
	{field: fAddsToCart, en: []string{"Adds to cart"}, ja: []string{"カートに追加"}, pt: []string{"Adições ao carrinho"},
		es: []string{"Artículos agregados al carrito"}, fr: []string{"Ajouts au panier"}},
	{field: fCheckouts, en: []string{"Checkouts initiated"}, ja: []string{"チェックアウト開始"},
		pt: []string{"Finalizações de compra iniciadas"}, es: []string{"Pagos iniciados"}, fr: []string{"Paiements initiés"}},
	{field: fLeads, en: []string{"Leads"}, ja: []string{"リード"}, pt: []string{"Leads"},
		es: []string{"Clientes potenciales"}, fr: []string{"Prospects"}},
	{field: fWebsiteLeads, en: []string{"Website leads"}, ja: []string{"ウェブサイトでのリード"}, pt: []string{"Leads no site"},
		es: []string{"Clientes potenciales en el sitio web"}, fr: []string{"Prospects sur le site web"}},
	{field: fFacebookLeads, en: []string{"On-Facebook leads", "Meta leads"}, ja: []string{"Facebook上のリード"},
		pt: []string{"Leads no Facebook", "Leads (formulário)"}, es: []string{"Clientes potenciales en Facebook"},
		fr: []string{"Prospects sur Facebook"}},
	{field: fEngagements, en: []string{"Post engagements", "Post engagement"}, ja: []string{"投稿のエンゲージメント"},
		pt: []string{"Engajamentos com o post", "Engajamento com a publicação"},
		es: []string{"Interacciones con la publicación"}, fr: []string{"Interactions avec la publication"}},
	{field: fReactions, en: []string{"Post reactions"}, ja: []string{"投稿へのリアクション"},
		pt: []string{"Reações à publicação", "Reações ao post"}, es: []string{"Reacciones a la publicación"},
		fr: []string{"Réactions à la publication"}},
	{field: fComments, en: []string{"Post comments"}, ja: []string{"投稿へのコメント"}, pt: []string{"Comentários na publicação"},
		es: []string{"Comentarios en la publicación"}, fr: []string{"Commentaires sur la publication"}},
	{field: fShares, en: []string{"Post shares"}, ja: []string{"投稿のシェア"}, pt: []string{"Compartilhamentos da publicação"},
		es: []string{"Veces que se compartió la publicación"}, fr: []string{"Partages de la publication"}},
	{field: fSaves, en: []string{"Post saves"}, ja: []string{"投稿の保存"}, pt: []string{"Salvamentos da publicação"},
		es: []string{"Veces que se guardó la publicación"}, fr: []string{"Enregistrements de la publication"}},
	{field: fVideoViews, en: []string{"ThruPlays"}, ja: []string{"ThruPlay"}, pt: []string{"ThruPlays"},
		es: []string{"ThruPlays"}, fr: []string{"ThruPlays"}},
	{field: fFollows, en: []string{"Follows or likes", "Page likes", "Instagram follows"}, ja: []string{"Instagramのフォロー"},
		pt: []string{"Seguidores ou curtidas"}, es: []string{"Seguidores o Me gusta"}, fr: []string{"Abonnements ou J’aime"}},
}

// metaColumns flattens metaFields for mapHeader; metaSpendLang tells the
// UI language of a file from its spend header.
var metaColumns, metaSpendLang = func() ([]col, map[string]string) {
	var cols []col
	lang := map[string]string{}
	for _, f := range metaFields {
		var all []string
		for _, l := range []struct {
			code    string
			aliases []string
		}{{"en", f.en}, {"ja", f.ja}, {"pt", f.pt}, {"es", f.es}, {"fr", f.fr}} {
			all = append(all, l.aliases...)
			if f.field == fSpend {
				for _, a := range l.aliases {
					lang[normHeader(a)] = l.code
				}
			}
		}
		cols = append(cols, col{field: f.field, aliases: all})
	}
	return cols, lang
}()

// metaNoData is the line Meta writes under the header of an empty export.
const metaNoData = "No data available."

// Platform returns "meta_ads".
func (Meta) Platform() kpi.Platform { return kpi.MetaAds }

// Detect accepts a head whose first non-blank row maps a Meta spend column
// ("Amount spent (USD)", "消化金額 (JPY)", "Valor usado (BRL)", ...) and at
// least one name or reporting-date column. No other platform names its
// spend this way (TikTok and Google Ads write "Cost", LinkedIn "Total Spent")
// except Snapchat ("Amount Spent"), so a header with a Snapchat marker
// ("Swipe Ups", "Ad Squad Name", ...) is not Meta's.
func (Meta) Detect(in *Input) bool {
	_, m, ok := metaHeader(in)
	return ok && m.has(fSpend) && m.count(fAccount, fCampaign, fAdSet, fAd, fStart, fEnd, fDay) > 0 &&
		!hasHeader(m.header, snapchatExport.markers)
}

// metaHeader maps the first non-blank row of in's head.
func metaHeader(in *Input) (row int, m *mapping, ok bool) {
	for i, rec := range in.Head {
		if isBlank(rec) {
			continue
		}
		m := mapHeader(rec, metaColumns)
		resolveMetaFallbacks(m)
		return i, m, true
	}
	return 0, nil, false
}

// resolveMetaFallbacks keeps a fallback column (website purchases, website
// leads, ...) only when the main column is absent; a kept "Website
// purchases" then fills purchases, a kept "Website purchases conversion
// value" the conversion value. Lead parts stay separate: they are summed.
func resolveMetaFallbacks(m *mapping) {
	rename := func(from, to string) {
		i, ok := m.idx[from]
		if !ok {
			return
		}
		delete(m.idx, from)
		if _, dup := m.idx[to]; to != "" && !dup {
			m.idx[to] = i
		} else {
			to = ""
		}
		for k := range m.columns {
			if m.columns[k].Index == i {
				m.columns[k].Field = to
			}
		}
	}
	if m.has(fPurchases) {
		rename(fWebsitePurchases, "")
	} else {
		rename(fWebsitePurchases, fPurchases)
	}
	if m.has(fConversionValue) {
		rename(fWebsiteValue, "")
	} else {
		rename(fWebsiteValue, fConversionValue)
	}
	if m.has(fLeads) {
		rename(fWebsiteLeads, "")
		rename(fFacebookLeads, "")
	}
	// Rebuild the derived lists in column order.
	m.unmapped, m.metrics = nil, nil
	for _, c := range m.columns {
		if c.Field == "" {
			m.unmapped = append(m.unmapped, c.Header)
		} else if _, ok := metricFields[c.Field]; ok {
			m.metrics = append(m.metrics, metricCol{field: c.Field, index: c.Index})
		}
	}
}

// Import reads a Meta export. Daily rows go to their day; other rows are
// aggregates over their reporting span. The summary row, when present, is
// not a record: it becomes the platform totals for the totals check.
func (Meta) Import(in *Input, opts Options, emit func(kpi.Record) error) (*kpi.FileStats, error) {
	r := newRun(in, kpi.MetaAds, opts, emit)
	hi, m, ok := metaHeader(in)
	if !ok {
		return r.st, fmt.Errorf("%s: %w %q: the file has no header row", in.Name, ErrMissingColumn, "Amount spent")
	}
	if !m.has(fSpend) {
		return r.st, fmt.Errorf("%s:%d: %w %q; header has: %s", in.Name, in.HeadLines[hi], ErrMissingColumn,
			"Amount spent", strings.Join(m.header, ", "))
	}
	r.setHeader(m)
	r.st.Level = level(m)
	if m.currency != "" {
		r.st.Currency = m.currency
	}
	p := newMetaPlan(r, in, m, hi, opts)
	switch {
	case p.iDay >= 0, p.iStart >= 0 && p.iEnd >= 0:
	case p.iStart >= 0 || p.iEnd >= 0:
		r.warn("only one of Reporting starts and Reporting ends: rows cannot be dated, so every row is booked to the report period")
	default:
		r.warn("no Reporting starts/ends or Day column: every row is booked to the report period")
	}
	headerLine := in.HeadLines[hi]
	first := true
	err := r.eachRow(headerLine, func(line int, rec []string) error {
		isFirst := first
		first = false
		if isMetaNoData(rec) {
			r.skip(line, `no data: the export says "No data available."`)
			return nil
		}
		if err := r.checkWidth(rec, m, line); err != nil {
			r.bad(err)
			return nil
		}
		if isFirst && p.isSummary(rec) {
			if err := p.summary(rec, line); err != nil {
				r.bad(err)
				return nil
			}
			r.skip(line, "summary row: the export's own totals, used for the totals check")
			return nil
		}
		out, err := p.record(rec, line)
		if err != nil {
			r.bad(err)
			return nil
		}
		return r.use(out)
	})
	if err != nil {
		return r.st, err
	}
	if !p.from.IsZero() {
		r.st.Period = kpi.Period{From: p.from, To: p.to}
	}
	return r.finish()
}

// isMetaNoData reports the `"No data available."` line of an empty export.
func isMetaNoData(rec []string) bool {
	if len(rec) == 0 || !strings.EqualFold(strings.TrimSpace(rec[0]), metaNoData) {
		return false
	}
	return isBlank(rec[1:])
}

// Metric kinds of a metaMetric.
const (
	mSpend = iota
	mValue
	mImpressions
	mReach
	mClicks
	mLinkClicks
	mLandingPageViews
	mPurchases
	mAddsToCart
	mCheckouts
	mLeads
	mLeadPart
	mEngagements
	mReactions
	mComments
	mShares
	mSaves
	mVideoViews
	mFollows
)

var metaMetricKinds = map[string]uint8{
	fSpend: mSpend, fConversionValue: mValue, fImpressions: mImpressions, fReach: mReach,
	fClicks: mClicks, fLinkClicks: mLinkClicks, fLandingPageViews: mLandingPageViews,
	fPurchases: mPurchases, fAddsToCart: mAddsToCart, fCheckouts: mCheckouts, fLeads: mLeads,
	fWebsiteLeads: mLeadPart, fFacebookLeads: mLeadPart, fEngagements: mEngagements,
	fReactions: mReactions, fComments: mComments, fShares: mShares, fSaves: mSaves,
	fVideoViews: mVideoViews, fFollows: mFollows,
}

// A metaMetric is one metric column to read from every row.
type metaMetric struct {
	index int
	kind  uint8
}

// A metaPlan is a file's header resolved once into column indexes, so that
// reading a row needs no map lookups and, for plain numbers, no allocations.
type metaPlan struct {
	r    *run
	in   *Input
	m    *mapping
	opts Options
	nf   numberFormat
	xlsx bool

	iAccount, iCampaign, iAdSet, iAd, iCurrency  int // -1 when absent
	iDay, iStart, iEnd                           int
	dims                                         []int // identity and day columns, for the summary row
	metrics                                      []metaMetric
	has                                          kpi.Fields
	hasPurchases, hasLeads, hasEngagements       bool
	hasReach, hasClicks, hasLinkClicks, hasParts bool

	day, start, end dayCache
	names           map[string]string
	last            [4]string // the last name interned per identity column
	from, to        time.Time // the dates the rows cover
}

// maxInterned bounds the distinct names kept by a plan.
const maxInterned = 1 << 16

func newMetaPlan(r *run, in *Input, m *mapping, hi int, opts Options) *metaPlan {
	p := &metaPlan{r: r, in: in, m: m, opts: opts, xlsx: in.Format == "xlsx", names: map[string]string{}}
	idx := func(field string) int {
		if i, ok := m.idx[field]; ok {
			return i
		}
		return -1
	}
	p.iAccount, p.iCampaign, p.iAdSet, p.iAd = idx(fAccount), idx(fCampaign), idx(fAdSet), idx(fAd)
	p.iCurrency, p.iDay, p.iStart, p.iEnd = idx(fCurrency), idx(fDay), idx(fStart), idx(fEnd)
	for _, i := range []int{p.iAccount, p.iCampaign, p.iAdSet, p.iAd, p.iDay} {
		if i >= 0 {
			p.dims = append(p.dims, i)
		}
	}
	for _, c := range m.columns {
		kind, ok := metaMetricKinds[c.Field]
		if !ok {
			continue
		}
		p.metrics = append(p.metrics, metaMetric{index: c.Index, kind: kind})
		p.has |= metricFields[c.Field]
		switch kind {
		case mPurchases:
			p.hasPurchases = true
		case mLeads:
			p.hasLeads = true
		case mLeadPart:
			p.hasParts = true
		case mEngagements:
			p.hasEngagements = true
		case mReach:
			p.hasReach = true
		case mClicks:
			p.hasClicks = true
		case mLinkClicks:
			p.hasLinkClicks = true
		}
	}
	// Meta has no conversions column: its conversions are purchases.
	if p.hasPurchases {
		p.has |= kpi.FConversions
	}
	if !p.hasLeads && p.hasParts {
		p.has |= kpi.FLeads
	}
	if !p.hasEngagements && m.count(fReactions, fComments, fShares, fSaves) > 0 {
		p.has |= kpi.FEngagements
	}
	// Meta always tells all clicks ("Clicks (all)") from link clicks: a
	// file with only one of the two leaves the other unknown rather than
	// passing all clicks off as link clicks.
	p.nf = metaNumberFormat(in, m, hi, r)
	return p
}

// metaNumberFormat decides the file's decimal separator once, never per
// value.
//
// An XLSX file holds numeric cells, read raw with '.'. Meta writes plain
// numbers: '.' as the decimal point and no thousands separators
// (export-formats.md §1.4, every real English and Japanese file), so an
// English or Japanese file is read with numDot ("1,234.5" is then
// unambiguous, should a user have re-saved it with grouping).
//
// For Portuguese, Spanish and French headers no real file shows the
// numbers; pt-BR parsers that convert with replace(',', '.') suggest
// decimal commas (unverified). Those files are decided from evidence in
// their own head rows: since Meta never groups thousands, a number cell
// with a comma ("1,38307193", Frequency and CPM nearly always have
// decimals) can only hold a decimal comma, and one with only a dot a
// decimal point. Commas and no dots give numComma; anything else gives
// plain '.' numbers with no grouping accepted, so that a later "1,5" is an
// error, never 15.
func metaNumberFormat(in *Input, m *mapping, hi int, r *run) numberFormat {
	if in.Format == "xlsx" {
		return numDot
	}
	lang := ""
	if i, ok := m.idx[fSpend]; ok {
		base, _ := splitCurrency(m.header[i])
		lang = metaSpendLang[normHeader(base)]
	}
	switch lang {
	case "pt", "es", "fr":
	default:
		return numDot
	}
	text := map[int]bool{}
	for _, f := range []string{fAccount, fCampaign, fAdSet, fAd, fCurrency, fDay, fStart, fEnd} {
		if i, ok := m.idx[f]; ok {
			text[i] = true
		}
	}
	var commas, dots int
	for _, rec := range in.Head[hi+1:] {
		for i, v := range rec {
			if text[i] || !looksNumeric(v) {
				continue
			}
			switch {
			case strings.IndexByte(v, ',') >= 0:
				commas++
			case strings.IndexByte(v, '.') >= 0:
				dots++
			}
		}
	}
	switch {
	case commas > 0 && dots == 0:
		return numComma
	case commas > 0:
		r.warn("numbers with both decimal commas and decimal points in the first rows: '.' is read as the decimal point")
	}
	return numPlain
}

// looksNumeric reports whether s is made of digits, separators, a sign and
// an exponent only, like a number cell (and unlike a date or a name).
func looksNumeric(s string) bool {
	s = strings.TrimSpace(s)
	digits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == ',' || c == 'e' || c == 'E':
		case c == '-' || c == '+':
			if i > 0 && s[i-1] != 'e' && s[i-1] != 'E' {
				return false
			}
		default:
			return false
		}
	}
	return digits > 0
}

// isSummary reports whether rec, the first data row, is Meta's summary
// row: the file has identity or day columns and all of them are empty.
func (p *metaPlan) isSummary(rec []string) bool {
	if len(p.dims) == 0 {
		return false
	}
	for _, i := range p.dims {
		if i < len(rec) && strings.TrimSpace(rec[i]) != "" {
			return false
		}
	}
	return true
}

// summary records the summary row as the platform totals. Its reach is
// de-duplicated across the rows, so it is kept as the totals' reach. Meta
// rounds its spend (33246 over rows summing to 33245.34), so the money
// tolerance is half a unit of the last decimal the row shows.
func (p *metaPlan) summary(rec []string, line int) error {
	var t kpi.Record
	if err := p.fill(&t, rec, line); err != nil {
		return err
	}
	if p.iStart >= 0 && p.iEnd >= 0 {
		if _, err := p.span(rec, line); err != nil {
			return err
		}
	}
	var tot kpi.Totals
	tot.Add(&t)
	if t.ReachKnown {
		tot.SetReach(t.Reach)
	}
	tol := kpi.Money(0)
	for _, f := range []string{fSpend, fConversionValue} {
		if v, _, ok := p.m.cell(rec, f); ok && !isNA(v) {
			tol = max(tol, roundingOf(v, p.nf.decimal))
		}
	}
	p.r.platformTotals(tot, line, tol)
	return nil
}

// roundingOf returns half a unit of the last decimal place of the number v:
// 0.5 for "33246", 0.05 for "1441.6", 0 for a value in scientific notation.
func roundingOf(v string, decimal byte) kpi.Money {
	v = strings.TrimSpace(v)
	if strings.ContainsAny(v, "eE") {
		return 0
	}
	decimals := 0
	if i := strings.IndexByte(v, decimal); i >= 0 {
		decimals = len(v) - i - 1
	}
	tol := kpi.Money(kpi.Micro / 2)
	for ; decimals > 0 && tol > 0; decimals-- {
		tol /= 10
	}
	return tol
}

// record turns one data row into a Record.
func (p *metaPlan) record(rec []string, line int) (kpi.Record, error) {
	out := kpi.Record{Platform: kpi.MetaAds, Source: kpi.Source{File: p.in.Name, Line: line},
		Account: p.name(rec, p.iAccount, 0), Campaign: p.name(rec, p.iCampaign, 1),
		AdSet: p.name(rec, p.iAdSet, 2), Ad: p.name(rec, p.iAd, 3), Currency: p.m.currency}
	if p.iCurrency >= 0 && p.iCurrency < len(rec) {
		v := strings.ToUpper(strings.TrimSpace(rec[p.iCurrency]))
		switch {
		case v == "":
		case !kpi.IsCurrency(v):
			return out, p.r.valueErr(line, p.iCurrency, p.m, rec[p.iCurrency], "a currency code such as USD or EUR", ErrBadRow)
		case p.m.currency != "" && v != p.m.currency:
			return out, p.r.valueErr(line, p.iCurrency, p.m, rec[p.iCurrency],
				fmt.Sprintf("%s, the currency of the spend column", p.m.currency), ErrBadRow)
		default:
			out.Currency = p.intern(v)
		}
	}
	switch {
	case p.iDay >= 0:
		v := cellAt(rec, p.iDay)
		d, err := p.day.parse(v, p.xlsx)
		if err != nil {
			return out, p.r.valueErr(line, p.iDay, p.m, v, wantDate(time.DateOnly), ErrBadDate)
		}
		out.Day = d
		p.cover(d, d)
	case p.iStart >= 0 && p.iEnd >= 0:
		sp, err := p.span(rec, line)
		if err != nil {
			return out, err
		}
		if sp.From.Equal(sp.To) {
			out.Day = sp.From
		} else {
			out.Span = sp
		}
	default:
		out.Span = p.opts.Period
	}
	if err := p.fill(&out, rec, line); err != nil {
		return out, err
	}
	return out, nil
}

// span reads the row's reporting starts and ends.
func (p *metaPlan) span(rec []string, line int) (kpi.Period, error) {
	sv, ev := cellAt(rec, p.iStart), cellAt(rec, p.iEnd)
	from, err := p.start.parse(sv, p.xlsx)
	if err != nil {
		return kpi.Period{}, p.r.valueErr(line, p.iStart, p.m, sv, wantDate(time.DateOnly), ErrBadDate)
	}
	to, err := p.end.parse(ev, p.xlsx)
	if err != nil {
		return kpi.Period{}, p.r.valueErr(line, p.iEnd, p.m, ev, wantDate(time.DateOnly), ErrBadDate)
	}
	if to.Before(from) {
		return kpi.Period{}, p.r.valueErr(line, p.iEnd, p.m, ev,
			fmt.Sprintf("a date not before %q (%s)", p.m.header[p.iStart], from.Format(time.DateOnly)), ErrBadDate)
	}
	p.cover(from, to)
	return kpi.Period{From: from, To: to}, nil
}

// cover widens the period the file's rows cover.
func (p *metaPlan) cover(from, to time.Time) {
	if p.from.IsZero() || from.Before(p.from) {
		p.from = from
	}
	if to.After(p.to) {
		p.to = to
	}
}

// fill parses every metric of rec into out and sets out.Has. The first bad
// value is returned as a *ParseError.
func (p *metaPlan) fill(out *kpi.Record, rec []string, line int) error {
	out.Has |= p.has
	var parts kpi.Qty
	for _, mm := range p.metrics {
		if mm.index >= len(rec) {
			continue
		}
		v := rec[mm.index]
		switch mm.kind {
		case mSpend, mValue:
			x, err := p.money(v)
			if err != nil {
				return p.r.valueErr(line, mm.index, p.m, v, p.nf.wantNumber(false), ErrBadNumber)
			}
			if mm.kind == mSpend {
				out.Spend = x
			} else {
				out.ConversionValue = x
			}
		case mPurchases, mAddsToCart, mCheckouts, mLeads, mLeadPart:
			x, err := p.qty(v)
			if err != nil {
				return p.r.valueErr(line, mm.index, p.m, v, p.nf.wantNumber(false)+" (not negative)", ErrBadNumber)
			}
			switch mm.kind {
			case mPurchases:
				out.Purchases = x
			case mAddsToCart:
				out.AddsToCart = x
			case mCheckouts:
				out.Checkouts = x
			case mLeads:
				out.Leads = x
			case mLeadPart:
				parts += x
			}
		default:
			x, err := p.count(v)
			if err != nil {
				return p.r.valueErr(line, mm.index, p.m, v, p.nf.wantNumber(true), ErrBadNumber)
			}
			switch mm.kind {
			case mImpressions:
				out.Impressions = x
			case mReach:
				out.Reach, out.ReachKnown = x, !isNA(v)
			case mClicks:
				out.Clicks = x
			case mLinkClicks:
				out.LinkClicks = x
			case mLandingPageViews:
				out.LandingPageViews = x
			case mEngagements:
				out.Engagements = x
			case mReactions:
				out.Reactions = x
			case mComments:
				out.Comments = x
			case mShares:
				out.Shares = x
			case mSaves:
				out.Saves = x
			case mVideoViews:
				out.VideoViews = x
			case mFollows:
				out.Follows = x
			}
		}
	}
	if p.hasPurchases {
		out.Conversions = out.Purchases
	}
	if !p.hasLeads && p.hasParts {
		out.Leads = parts
	}
	if !p.hasEngagements {
		out.Engagements = out.Reactions + out.Comments + out.Shares + out.Saves
	}
	if !p.hasReach {
		out.ReachKnown = false
	}
	return nil
}

// money, qty and count parse a cell in the file's number format; empty and
// n/a cells are 0. A plain number takes a fast path with no allocation;
// anything else goes through numberFormat, which also gives the errors.
func (p *metaPlan) money(v string) (kpi.Money, error) {
	if v == "" {
		return 0, nil
	}
	if x, ok := plainMicros(v, p.nf.decimal); ok {
		return kpi.Money(x), nil
	}
	return p.nf.money(v)
}

func (p *metaPlan) qty(v string) (kpi.Qty, error) {
	if v == "" {
		return 0, nil
	}
	if x, ok := plainMicros(v, p.nf.decimal); ok && x >= 0 {
		return kpi.Qty(x), nil
	}
	return p.nf.qty(v)
}

func (p *metaPlan) count(v string) (int64, error) {
	if v == "" {
		return 0, nil
	}
	if x, ok := plainMicros(v, p.nf.decimal); ok && x >= 0 && x%kpi.Micro == 0 {
		return x / kpi.Micro, nil
	}
	return p.nf.count(v)
}

// plainMicros parses a plain decimal ("1234", "-0.5", "2236.715104") with
// the given decimal separator into micro-units. ok is false for anything
// else (grouping, exponents, spaces, more than 6 decimals, more than 12
// integer digits), which the caller hands to the full parser.
func plainMicros(s string, decimal byte) (v int64, ok bool) {
	i, neg := 0, false
	if len(s) > 0 && s[0] == '-' {
		neg, i = true, 1
	}
	var whole, frac int64
	intDigits, fracDigits := 0, 0
	for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
		whole = whole*10 + int64(s[i]-'0')
		intDigits++
	}
	if intDigits == 0 || intDigits > 12 {
		return 0, false
	}
	if i < len(s) {
		if s[i] != decimal {
			return 0, false
		}
		for i++; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if fracDigits == 6 {
				return 0, false
			}
			frac = frac*10 + int64(s[i]-'0')
			fracDigits++
		}
		if fracDigits == 0 || i < len(s) {
			return 0, false
		}
	}
	for ; fracDigits < 6; fracDigits++ {
		frac *= 10
	}
	v = whole*kpi.Micro + frac
	if neg {
		v = -v
	}
	return v, true
}

// name returns the trimmed text of column i, interned so that records do
// not keep whole CSV lines alive. Names come in runs (an export is sorted
// by campaign or by day), so the last one of each column is tried first.
func (p *metaPlan) name(rec []string, i, slot int) string {
	if i < 0 || i >= len(rec) {
		return ""
	}
	v := strings.TrimSpace(rec[i])
	if v == p.last[slot] {
		return p.last[slot]
	}
	p.last[slot] = p.intern(v)
	return p.last[slot]
}

func (p *metaPlan) intern(s string) string {
	if s == "" {
		return ""
	}
	if v, ok := p.names[s]; ok {
		return v
	}
	if len(p.names) >= maxInterned {
		return strings.Clone(s)
	}
	s = strings.Clone(s)
	p.names[s] = s
	return s
}

// cellAt returns rec[i], or "" when the row is short.
func cellAt(rec []string, i int) string {
	if i < len(rec) {
		return rec[i]
	}
	return ""
}

// A dayCache parses ISO dates, remembering the last one: rows of a daily
// export come in runs of the same date.
type dayCache struct {
	s string
	t time.Time
}

func (c *dayCache) parse(v string, xlsx bool) (time.Time, error) {
	if v == c.s && !c.t.IsZero() {
		return c.t, nil
	}
	t, err := parseDay(v, xlsx, time.DateOnly)
	if err != nil {
		return t, err
	}
	c.s, c.t = v, t
	return t, nil
}
