//! The words that localized "Previous" / "Next" footers and pagers use
//! (Microsoft Learn's localized pages, common UIs), which share no letters
//! with the English: `link-labels-swapped` reads each as its concept. Data
//! only: one row per language, written as the languages write them; they are
//! compared in lower case (`norm`). Words that are ordinary words elsewhere
//! (Vietnamese "sau", "after") are left out.

use super::span_place::norm;

/// (language, words for "previous", words for "next").
const FOOTERS: &[(&str, &[&str], &[&str])] = &[
    ("en", &["Previous", "Prev"], &["Next"]),
    (
        "fr",
        &["Précédent", "Précédente", "Précédents"],
        &["Suivant", "Suivante", "Suivants"],
    ),
    (
        "de",
        &["Vorherige", "Vorheriges", "Vorheriger", "Zurück"],
        &["Weiter", "Nächste", "Nächster", "Nächstes"],
    ),
    ("es", &["Anterior"], &["Siguiente"]),
    ("ja", &["前へ", "前", "前の"], &["次へ", "次", "次の"]),
    (
        "it",
        &["Precedente", "Indietro"],
        &["Successivo", "Successiva", "Avanti", "Prossimo"],
    ),
    (
        "pt",
        &["Anterior", "Voltar"],
        &["Próximo", "Próxima", "Seguinte", "Avançar"],
    ),
    ("nl", &["Vorige", "Terug"], &["Volgende", "Verder"]),
    (
        "zh-hans",
        &[
            "上一篇",
            "上一页",
            "上一步",
            "上一个",
            "上一章",
            "上一节",
            "后退",
        ],
        &[
            "下一篇",
            "下一页",
            "下一步",
            "下一个",
            "下一章",
            "下一节",
            "前进",
        ],
    ),
    (
        "zh-hant",
        &["上一頁", "上一個", "上一節", "上一章"],
        &["下一頁", "下一個", "下一節", "下一章"],
    ),
    ("ko", &["이전", "이전으로"], &["다음", "다음으로"]),
    (
        "ru",
        &[
            "Назад",
            "Предыдущая",
            "Предыдущий",
            "Предыдущее",
            "Предыдущие",
        ],
        &[
            "Далее",
            "Вперед",
            "Вперёд",
            "Следующая",
            "Следующий",
            "Следующее",
        ],
    ),
    (
        "uk",
        &["Попередня", "Попередній", "Попереднє"],
        &["Далі", "Наступна", "Наступний", "Наступне"],
    ),
    (
        "pl",
        &["Poprzedni", "Poprzednia", "Poprzednie", "Wstecz"],
        &["Następny", "Następna", "Następne", "Dalej"],
    ),
    ("sv", &["Föregående", "Tillbaka"], &["Nästa"]),
    ("da", &["Forrige"], &["Næste"]),
    ("nb", &["Forrige"], &["Neste"]),
    ("fi", &["Edellinen"], &["Seuraava"]),
    ("cs", &["Předchozí", "Zpět"], &["Další", "Následující"]),
    (
        "sk",
        &["Predchádzajúci", "Predchádzajúca", "Predchádzajúce", "Späť"],
        &["Ďalší", "Ďalšia", "Ďalšie", "Nasledujúci", "Nasledujúca"],
    ),
    ("hu", &["Előző", "Vissza"], &["Következő", "Tovább"]),
    ("tr", &["Önceki", "Geri"], &["Sonraki", "İleri"]),
    (
        "ro",
        &["Anterior", "Înapoi"],
        &["Următor", "Următorul", "Următoarea", "Înainte"],
    ),
    ("ca", &["Anterior"], &["Següent"]),
    (
        "el",
        &["Προηγούμενο", "Προηγούμενη", "Πίσω"],
        &["Επόμενο", "Επόμενη"],
    ),
    ("id", &["Sebelumnya"], &["Berikutnya", "Selanjutnya"]),
    ("vi", &["Trước"], &["Tiếp"]),
    ("th", &["ก่อนหน้า", "ย้อนกลับ"], &["ถัดไป"]),
    ("ar", &["السابق"], &["التالي"]),
    ("he", &["הקודם"], &["הבא"]),
    ("hi", &["पिछला", "पिछली"], &["अगला", "अगली"]),
    (
        "bg",
        &["Предишна", "Предишен", "Предишно"],
        &["Следваща", "Следващ", "Следващо"],
    ),
    (
        "hr",
        &["Prethodno", "Prethodna"],
        &["Sljedeće", "Sljedeća", "Dalje"],
    ),
    ("sl", &["Prejšnje", "Prejšnja"], &["Naslednje", "Naslednja"]),
    ("et", &["Eelmine"], &["Järgmine"]),
    (
        "lv",
        &["Iepriekšējais", "Iepriekšējā"],
        &["Nākamais", "Nākamā"],
    ),
    ("lt", &["Ankstesnis", "Ankstesnė"], &["Kitas"]),
];

/// The concept a footer word stands for (`"previous"` or `"next"`), `w` being
/// normalized (`norm`).
pub(super) fn concept(w: &str) -> Option<&'static str> {
    FOOTERS.iter().find_map(|(_, prev, next)| {
        if prev.iter().any(|p| norm(p) == w) {
            Some("previous")
        } else if next.iter().any(|n| norm(n) == w) {
            Some("next")
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_many_languages() {
        let langs: std::collections::HashSet<&str> = FOOTERS
            .iter()
            .map(|(l, _, _)| l.split('-').next().unwrap())
            .collect();
        assert!(langs.len() >= 15, "{langs:?}");
        for (w, c) in [
            ("successivo", "next"),
            ("precedente", "previous"),
            ("próximo", "next"),
            ("vorige", "previous"),
            ("volgende", "next"),
            ("下一篇", "next"),
            ("上一頁", "previous"),
            ("다음", "next"),
            ("назад", "previous"),
            ("następny", "next"),
            ("nästa", "next"),
            ("předchozí", "previous"),
            ("sonraki", "next"),
            ("i̇leri", "next"),
        ] {
            assert_eq!(concept(w), Some(c), "{w}");
        }
        assert_eq!(concept("image"), None);
        assert_eq!(concept("Previous"), None, "not normalized");
    }

    #[test]
    fn no_word_stands_for_both() {
        for (lang, prev, next) in FOOTERS {
            for p in *prev {
                assert_eq!(concept(&norm(p)), Some("previous"), "{lang} {p}");
            }
            for n in *next {
                assert_eq!(concept(&norm(n)), Some("next"), "{lang} {n}");
            }
        }
    }
}
