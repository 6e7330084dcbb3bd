"""Turkish sentence segmentation with the shipped SRX rules.

Cases marked "devset" are verbatim lines of the WMT16 Turkish devset
(shared/devset/wmt16/*/tr.txt) and "seed" ones come from the seed documents
(shared/seeds/*.txt); they are copied here so the tests never read ../shared.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.errors import InputError
from align.segment import read_document, segment, segment_lines

C = pytest.param

CASES = [
    # --- plain sentence ends -------------------------------------------------
    C("Bugün hava güzel. Yarın yağmur yağacak.",
      ["Bugün hava güzel.", "Yarın yağmur yağacak."], id="two-sentences"),
    C("Geldin mi? Evet, geldim! Çok iyi.",
      ["Geldin mi?", "Evet, geldim!", "Çok iyi."], id="question-exclamation"),
    C("Ne?! Gerçekten mi?! Evet.", ["Ne?!", "Gerçekten mi?!", "Evet."], id="interrobang"),
    C("Harika!! Devam edelim.", ["Harika!!", "Devam edelim."], id="double-exclamation"),
    C("Türkiye’nin 81 ili var. İstanbul’un nüfusu fazla.",
      ["Türkiye’nin 81 ili var.", "İstanbul’un nüfusu fazla."], id="curly-apostrophe"),
    C("İzmir’de toplantı yapıldı. Işıklar söndü. Ilık bir gece oldu. Ünlüler geldi.",
      ["İzmir’de toplantı yapıldı.", "Işıklar söndü.", "Ilık bir gece oldu.", "Ünlüler geldi."],
      id="turkish-capitals-start"),
    C("Çok güzeldi. Şimdi ne yapacağız? Öğle yemeği mi? Ğ harfiyle söz başlamaz.",
      ["Çok güzeldi.", "Şimdi ne yapacağız?", "Öğle yemeği mi?", "Ğ harfiyle söz başlamaz."],
      id="turkish-capitals-more"),
    C("Toplantı bitti.Sonra herkes gitti.", ["Toplantı bitti.", "Sonra herkes gitti."],
      id="missing-space"),
    # --- abbreviations ---------------------------------------------------------
    C("Prof. Dr. Ahmet Yılmaz konuştu. Toplantı bitti.",
      ["Prof. Dr. Ahmet Yılmaz konuştu.", "Toplantı bitti."], id="prof-dr"),
    C("Doç. Dr. Ayşe Kaya ve Yrd. Doç. Dr. Mehmet Öz katıldı.",
      ["Doç. Dr. Ayşe Kaya ve Yrd. Doç. Dr. Mehmet Öz katıldı."], id="doc-yrd-doc"),
    C("Av. Zeynep Şahin ile Sn. Bakan görüştü.", ["Av. Zeynep Şahin ile Sn. Bakan görüştü."],
      id="av-sn"),
    C("Op. Dr. Can Ünlü ve Uzm. Dr. Işıl Güneş açıklama yaptı.",
      ["Op. Dr. Can Ünlü ve Uzm. Dr. Işıl Güneş açıklama yaptı."], id="op-uzm-dr"),
    C("Öğr. Gör. Gülşen Çelik derse girdi. Öğrenciler dinledi.",
      ["Öğr. Gör. Gülşen Çelik derse girdi.", "Öğrenciler dinledi."], id="ogr-gor"),
    C("Org. Hulusi Akar, Korg. Ali Er, Tuğg. Veli Çınar, Alb. Cem Işık ve Yzb. Tolga Öz geldi.",
      ["Org. Hulusi Akar, Korg. Ali Er, Tuğg. Veli Çınar, Alb. Cem Işık ve Yzb. Tolga Öz geldi."],
      id="military-ranks"),
    C("Gen. Mehmet Şeker konuştu. Kur. Bşk. Yardımcısı dinledi.",
      ["Gen. Mehmet Şeker konuştu.", "Kur. Bşk. Yardımcısı dinledi."], id="gen-bsk"),
    C("Adres: Atatürk Cad. No. 12, Çiçek Sok. Gül Apt. Kat 3, Yeni Mah. Kadıköy.",
      ["Adres: Atatürk Cad. No. 12, Çiçek Sok. Gül Apt. Kat 3, Yeni Mah. Kadıköy."],
      id="address"),
    C("Cumhuriyet Blv. Üzerindeki dükkân kapandı.",
      ["Cumhuriyet Blv. Üzerindeki dükkân kapandı."], id="blv"),
    C("Şirketin adı Yıldız Ltd. Şti. olarak değişti. Yeni adres belli.",
      ["Şirketin adı Yıldız Ltd. Şti. olarak değişti.", "Yeni adres belli."], id="ltd-sti"),
    C("Koç Holding A.Ş. Yönetim Kurulu toplandı.", ["Koç Holding A.Ş. Yönetim Kurulu toplandı."],
      id="a-s"),
    C("T.C. Cumhurbaşkanlığı açıklama yaptı.", ["T.C. Cumhurbaşkanlığı açıklama yaptı."],
      id="t-c"),
    C("Elma, armut vb. meyveler alındı.", ["Elma, armut vb. meyveler alındı."], id="vb-lower"),
    C("Elma, armut vb. Sonra eve döndük.", ["Elma, armut vb.", "Sonra eve döndük."],
      id="vb-ends-sentence"),
    C("Kitap, defter vs. her şey hazır.", ["Kitap, defter vs. her şey hazır."], id="vs-lower"),
    C("Ayrıntılar için bkz. Ek 3 ve örn. İstanbul örneği.",
      ["Ayrıntılar için bkz. Ek 3 ve örn. İstanbul örneği."], id="bkz-orn"),
    C("(Bkz. Tablo 2.) Sonuçlar aşağıda.", ["(Bkz. Tablo 2.)", "Sonuçlar aşağıda."],
      id="bkz-capital-parenthesis"),
    C("Büyük şehirlerde, ör. Ankara ve İzmir'de, kira arttı.",
      ["Büyük şehirlerde, ör. Ankara ve İzmir'de, kira arttı."], id="or"),
    C("Bu bilgi s. 45'te, c. 2'de geçer.", ["Bu bilgi s. 45'te, c. 2'de geçer."], id="sayfa-cilt"),
    C("Eser 16. yy. Osmanlı mimarisinin örneğidir.",
      ["Eser 16. yy. Osmanlı mimarisinin örneğidir."], id="yy"),
    C("Kent M.Ö. 1200 civarında yıkıldı. Yeni kent M.S. 2. yüzyılda kuruldu.",
      ["Kent M.Ö. 1200 civarında yıkıldı.", "Yeni kent M.S. 2. yüzyılda kuruldu."],
      id="mo-ms"),
    C("St. George kilisesi ziyaret edildi.", ["St. George kilisesi ziyaret edildi."], id="st"),
    C("Tel. 0212 555 55 55 numarasını arayın.", ["Tel. 0212 555 55 55 numarasını arayın."],
      id="tel"),
    C("Bir kg. uyuşturucunun değeri yüksek.", ["Bir kg. uyuşturucunun değeri yüksek."],
      id="unknown-abbreviation-lowercase"),
    # --- initials --------------------------------------------------------------
    C("M. Kemal Atatürk Samsun'a çıktı.", ["M. Kemal Atatürk Samsun'a çıktı."], id="m-kemal"),
    C("A. B. Yılmaz ve C. Ş. Öztürk imzaladı.", ["A. B. Yılmaz ve C. Ş. Öztürk imzaladı."],
      id="two-initials"),
    C("Formülde vitamin C. Bu nedenle etkisi arttı.",
      ["Formülde vitamin C.", "Bu nedenle etkisi arttı."], id="capital-letter-ends-sentence"),
    # --- ordinals and numbers --------------------------------------------------
    C("ABD 7. Filo Akdeniz'e geldi.", ["ABD 7. Filo Akdeniz'e geldi."], id="ordinal-filo"),
    C("2. Dünya Savaşı 1945'te sona erdi.", ["2. Dünya Savaşı 1945'te sona erdi."],
      id="ordinal-ww2"),
    C("3. Ordu Komutanı Erzincan'a gitti.", ["3. Ordu Komutanı Erzincan'a gitti."],
      id="ordinal-ordu"),
    C("Takım 1. Lig'e yükseldi. Taraftarlar sevindi.",
      ["Takım 1. Lig'e yükseldi.", "Taraftarlar sevindi."], id="ordinal-lig"),
    C("Eser 15. yüzyılda yazıldı ve 20. madde değiştirildi.",
      ["Eser 15. yüzyılda yazıldı ve 20. madde değiştirildi."], id="ordinal-lowercase"),
    C("Yaralı sayısı 15. Bu rakamın artması bekleniyor.",
      ["Yaralı sayısı 15.", "Bu rakamın artması bekleniyor."], id="number-then-opener"),
    C("Antlaşma imzalandı 2026. Sonra taraflar ayrıldı.",
      ["Antlaşma imzalandı 2026.", "Sonra taraflar ayrıldı."], id="year-then-sonra"),
    C("Kuruluş yılı 1923. Cumhuriyet o yıl ilan edildi.",
      ["Kuruluş yılı 1923.", "Cumhuriyet o yıl ilan edildi."], id="year-then-noun"),
    C("II. Dünya Savaşı ve XV. yüzyıl konuşuldu. II. Abdülhamit tahta çıktı.",
      ["II. Dünya Savaşı ve XV. yüzyıl konuşuldu.", "II. Abdülhamit tahta çıktı."],
      id="roman-ordinals"),
    C("Toplantı 24.06.2026 tarihinde yapıldı. Karar 24.06.2026'da açıklandı.",
      ["Toplantı 24.06.2026 tarihinde yapıldı.", "Karar 24.06.2026'da açıklandı."], id="dates"),
    C("Saat 10.30'da başladı ve 12.45'te bitti.", ["Saat 10.30'da başladı ve 12.45'te bitti."],
      id="times"),
    C("Maç saat 20.45. Taraftarlar stada akın etti.",
      ["Maç saat 20.45.", "Taraftarlar stada akın etti."], id="time-ends-sentence"),
    C("Enflasyon %5,2 arttı; fiyat 1.250,5 TL oldu. Piyasa durgun.",
      ["Enflasyon %5,2 arttı; fiyat 1.250,5 TL oldu.", "Piyasa durgun."], id="decimals"),
    C("Artış %15. Merkez Bankası açıkladı.", ["Artış %15.", "Merkez Bankası açıkladı."],
      id="percent-ends-sentence"),
    C("Maç 3-1. Galatasaray kazandı.", ["Maç 3-1.", "Galatasaray kazandı."], id="score"),
    C("1. Giriş\n2. Yöntem", ["1. Giriş", "2. Yöntem"], id="numbered-headings"),
    # --- quotes, ellipses, parentheses -----------------------------------------
    C('"Geliyoruz!" dedi. "Yarın görüşürüz." Sonra gitti.',
      ['"Geliyoruz!" dedi.', '"Yarın görüşürüz."', "Sonra gitti."], id="straight-quotes"),
    C("“Hazır mısınız?” diye sordu. “Evet!” dediler.",
      ["“Hazır mısınız?” diye sordu.", "“Evet!” dediler."], id="curly-quotes"),
    C("Bakan “Süreç tamamlandı.” Ardından toplantı bitti.",
      ["Bakan “Süreç tamamlandı.”", "Ardından toplantı bitti."], id="period-inside-quote"),
    C("Bekledik… ama gelmedi.", ["Bekledik… ama gelmedi."], id="ellipsis-lowercase"),
    C("Bekledik… Sonunda geldi.", ["Bekledik…", "Sonunda geldi."], id="ellipsis-uppercase"),
    C("Düşündüm... belki de haklıydı... Hayır, değildi.",
      ["Düşündüm... belki de haklıydı...", "Hayır, değildi."], id="three-dots"),
    C("Geldi. (Ama kimse görmedi.) Sonra gitti.",
      ["Geldi.", "(Ama kimse görmedi.)", "Sonra gitti."], id="parenthesised-sentence"),
    C("Bu karar (!) herkesi şaşırttı.", ["Bu karar (!) herkesi şaşırttı."], id="paren-exclaim"),
    C("Bakan şöyle dedi: “Geleceğiz […] Kimse bizi durduramaz.”",
      ["Bakan şöyle dedi: “Geleceğiz […] Kimse bizi durduramaz.”"], id="omission-mark"),
    # --- URLs, e-mail, versions ------------------------------------------------
    C("Ayrıntılar www.tkp.org.tr adresinde. Videoyu pic.twitter.com/gAMT8TflfC adresinden izleyin.",
      ["Ayrıntılar www.tkp.org.tr adresinde.",
       "Videoyu pic.twitter.com/gAMT8TflfC adresinden izleyin."], id="urls"),
    C("Başvurular ahmet.yilmaz@ornek.com.tr adresine yapılmalı. Son gün cuma.",
      ["Başvurular ahmet.yilmaz@ornek.com.tr adresine yapılmalı.", "Son gün cuma."], id="email"),
    C("Yazılımın v1.2 sürümü çıktı. Güncelleme önerilir.",
      ["Yazılımın v1.2 sürümü çıktı.", "Güncelleme önerilir."], id="version"),
    # --- lines and paragraphs --------------------------------------------------
    C("Profesör 911'i Arayarak Kız Arkadaşını Öldürdüğünü İtiraf Etti\n911'i arayan Üniversite "
      "Profesörü Shannon Lamb, polise kız arkadaşını silahla vurduğunu söyledi.",
      ["Profesör 911'i Arayarak Kız Arkadaşını Öldürdüğünü İtiraf Etti",
       "911'i arayan Üniversite Profesörü Shannon Lamb, polise kız arkadaşını silahla "
       "vurduğunu söyledi."], id="devset-title-line"),
    C("Anti-NATO Protestosu\nİzmir'de baskınlar protesto edildi.",
      ["Anti-NATO Protestosu", "İzmir'de baskınlar protesto edildi."], id="short-title-line"),
    C("Dün akşam saatlerinde başlayan toplantıya katılan heyet\nAnkara'dan gelen "
      "temsilcilerle birlikte yeni planı görüştü.\nKararlar yarın açıklanacak.",
      ["Dün akşam saatlerinde başlayan toplantıya katılan heyet\nAnkara'dan gelen "
       "temsilcilerle birlikte yeni planı görüştü.", "Kararlar yarın açıklanacak."],
      id="hard-wrapped"),
    C("Dilmeç şunları söyledi:\n“NATO’ya üye olmak sömürü düzeninin parçası olmaktır.”",
      ["Dilmeç şunları söyledi:", "“NATO’ya üye olmak sömürü düzeninin parçası olmaktır.”"],
      id="colon-line-then-quote"),
    C("Ankara, 24 Haziran (AA) -\nBakan açıklama yaptı.",
      ["Ankara, 24 Haziran (AA) -\nBakan açıklama yaptı."], id="dash-line-continues"),
    C("Toplantıya katılanlar arasında\nbakanlar da vardı.",
      ["Toplantıya katılanlar arasında\nbakanlar da vardı."], id="wrapped-lowercase-line"),
    C("Birinci paragraf\n\nİkinci paragraf burada.",
      ["Birinci paragraf", "İkinci paragraf burada."], id="blank-line"),
    C("Dr.\n\nAhmet geldi.", ["Dr.", "Ahmet geldi."], id="blank-line-beats-abbreviation"),
    # --- seed documents --------------------------------------------------------
    C("NATO Türkiye’den Çıksın! NATO’yu sorgulamanın, NATO’dan çıkılması için gerçek hamleler "
      "yapmanın zamanı geldi. NATO’nun da Türkiye’den çıkmasının zamanı geldi. NATO’dan "
      "çıkılması için NATO’dan zarar gören halkımız inisiyatif almalıdır. NATO darbecidir, NATO "
      "işgalcidir, NATO… pic.twitter.com/gAMT8TflfC — TKP – İstanbul (@istanbul_tkp) "
      "June 29, 2025",
      ["NATO Türkiye’den Çıksın!",
       "NATO’yu sorgulamanın, NATO’dan çıkılması için gerçek hamleler yapmanın zamanı geldi.",
       "NATO’nun da Türkiye’den çıkmasının zamanı geldi.",
       "NATO’dan çıkılması için NATO’dan zarar gören halkımız inisiyatif almalıdır.",
       "NATO darbecidir, NATO işgalcidir, NATO… pic.twitter.com/gAMT8TflfC — TKP – İstanbul "
       "(@istanbul_tkp) June 29, 2025"], id="seed-001-tweet"),
    C("Kaldıraç Movement\n\n\nLütfen yorumunuzu giriniz!\nLütfen isminizi buraya giriniz",
      ["Kaldıraç Movement", "Lütfen yorumunuzu giriniz!", "Lütfen isminizi buraya giriniz"],
      id="seed-003-footer"),
    # --- devset lines ----------------------------------------------------------
    C("Mini çantaya sığamayan ama onlardan da vazgeçemeyenlere bir önerisi var. Büyük "
      "çantalara arkadaş mini çantalar. Nasıl mı?",
      ["Mini çantaya sığamayan ama onlardan da vazgeçemeyenlere bir önerisi var.",
       "Büyük çantalara arkadaş mini çantalar.", "Nasıl mı?"], id="devset-three"),
    C("Broncos maçı herhalde iyi bir maçtı, onu henüz izlemedim, ama skoru neydi? 16-12?",
      ["Broncos maçı herhalde iyi bir maçtı, onu henüz izlemedim, ama skoru neydi?", "16-12?"],
      id="devset-question-number"),
    C("Ne diyebiliriz ki, kahpe felek! 3 Ocak'ta Silopi'de Yusuf Yağıcı'yı öldürdüler.",
      ["Ne diyebiliriz ki, kahpe felek!", "3 Ocak'ta Silopi'de Yusuf Yağıcı'yı öldürdüler."],
      id="devset-exclamation-digit"),
    C("Bu, bu yıl Zagreb'de yaşanan 10. sarsıntı. Wenger Arsenal'in geçen sezon Şampiyonlar "
      "Ligindeki Monaco karşısındaki yenilgiden gerekli dersi aldığına inanıyor.",
      ["Bu, bu yıl Zagreb'de yaşanan 10. sarsıntı.",
       "Wenger Arsenal'in geçen sezon Şampiyonlar Ligindeki Monaco karşısındaki yenilgiden "
       "gerekli dersi aldığına inanıyor."], id="devset-ordinal-lowercase"),
    C("Bir ya da iki gol daha fazla atmamış olmamıza hayıflanmama rağmen kazanmak istedik ve "
      "kazandık. İbrahimoviç sakatlıktan sonra 1. Lig'de Bordeaux ile hafta sonunda oynanan "
      "2-2'lik maçta yapılan üç oyuncu değişikliğinden biriyle Paris takımına geri döndü.",
      ["Bir ya da iki gol daha fazla atmamış olmamıza hayıflanmama rağmen kazanmak istedik ve "
       "kazandık.",
       "İbrahimoviç sakatlıktan sonra 1. Lig'de Bordeaux ile hafta sonunda oynanan 2-2'lik "
       "maçta yapılan üç oyuncu değişikliğinden biriyle Paris takımına geri döndü."],
      id="devset-1-lig"),
    C("Yapılan operasyonla zanlılar gözaltına alındı. M.M.G. ve R.O'nun kullandığı diz üstü "
      "bilgisayarını inceleyen ekipler çok sayıda video kaydı ele geçirdi.",
      ["Yapılan operasyonla zanlılar gözaltına alındı.",
       "M.M.G. ve R.O'nun kullandığı diz üstü bilgisayarını inceleyen ekipler çok sayıda video "
       "kaydı ele geçirdi."], id="devset-initials"),
    C("MUĞLA: Sıtkı Koçman Üniversitesi, 9 akademisyen hakkında soruşturma başlattı. BİNGÖL: "
      "Bingöl Üniversitesi, Fen Edebiyat Fakültesi Öğretim Üyesi Yrd. Dr. Eda Erdener hakkında "
      "idari soruşturma başlatıldığını bildirdi.",
      ["MUĞLA: Sıtkı Koçman Üniversitesi, 9 akademisyen hakkında soruşturma başlattı.",
       "BİNGÖL: Bingöl Üniversitesi, Fen Edebiyat Fakültesi Öğretim Üyesi Yrd. Dr. Eda Erdener "
       "hakkında idari soruşturma başlatıldığını bildirdi."], id="devset-yrd-dr"),
    C("Diyarbakır Cumhuriyet Başsavcılığı'nca 3'ü tutuklu 7 sanık hakkında hazırlanan "
      "iddianame, 4. Ağır Ceza Mahkemesince kabul edildi.",
      ["Diyarbakır Cumhuriyet Başsavcılığı'nca 3'ü tutuklu 7 sanık hakkında hazırlanan "
       "iddianame, 4. Ağır Ceza Mahkemesince kabul edildi."], id="devset-4-agir-ceza"),
    C("Andrew O'Keefe'nin konuk ettiği yeni bilgi yarışmasının ilk yarım saati (17:00-17:30) "
      "ortalama 446.000 izleyiciye ulaştı. İkinci yarım saatte (17:30-18:00) rakam 623.000 "
      "izleyiciye sıçradı. Pazartesi Gecesi Takip-Avustralya'nın ilk yarım saati ortalama "
      "520.000 izleyiciye ulaştı.",
      ["Andrew O'Keefe'nin konuk ettiği yeni bilgi yarışmasının ilk yarım saati (17:00-17:30) "
       "ortalama 446.000 izleyiciye ulaştı.",
       "İkinci yarım saatte (17:30-18:00) rakam 623.000 izleyiciye sıçradı.",
       "Pazartesi Gecesi Takip-Avustralya'nın ilk yarım saati ortalama 520.000 izleyiciye "
       "ulaştı."], id="devset-thousands"),
    C("Laurent 'Riss' Sourisseau'nun karikatüründe 'Almanya'daki tacizcilerden biri "
      "olabileceği' iması var. Geçen yıl Hz. Muhammed karikatürleri yayınladığı gerekçesiyle "
      "saldırıya uğrayan Charlie Hebdo yine tartışmaların odağı oldu.",
      ["Laurent 'Riss' Sourisseau'nun karikatüründe 'Almanya'daki tacizcilerden biri "
       "olabileceği' iması var.",
       "Geçen yıl Hz. Muhammed karikatürleri yayınladığı gerekçesiyle saldırıya uğrayan "
       "Charlie Hebdo yine tartışmaların odağı oldu."], id="devset-hz"),
    C("Eski Dışişleri Bakanı Hillary Clinton iki haneli liderliğini devam ettiriyor ama Sen. "
      "Bernie Sanders ona yetişiyor.",
      ["Eski Dışişleri Bakanı Hillary Clinton iki haneli liderliğini devam ettiriyor ama Sen. "
       "Bernie Sanders ona yetişiyor."], id="devset-sen"),
    C("Burberry hisseleri olumlu kâr haberlerinin etkisiyle %0,9 yükseldi. Richemont'un güncel "
      "satış rakamları beklentilerin üstüne çıktı.",
      ["Burberry hisseleri olumlu kâr haberlerinin etkisiyle %0,9 yükseldi.",
       "Richemont'un güncel satış rakamları beklentilerin üstüne çıktı."], id="devset-percent"),
    # --- running text: headlines and colons glued to the next sentence -----------
    C("Baba Kurdi şunları söyledi: Maalesef kötü bir karikatür yaptılar.",
      ["Baba Kurdi şunları söyledi:", "Maalesef kötü bir karikatür yaptılar."],
      id="devset-speech-colon"),
    C("Kılıçdaroğlu özetle şöyle anlattı: Ülker'in babası Sabri Bey'in hayatı ilginçtir.",
      ["Kılıçdaroğlu özetle şöyle anlattı:",
       "Ülker'in babası Sabri Bey'in hayatı ilginçtir."], id="speech-colon-turkish-capital"),
    C('Bakan şöyle dedi: "Süreç tamamlandı." Ardından ayrıldı.',
      ['Bakan şöyle dedi: "Süreç tamamlandı."', "Ardından ayrıldı."],
      id="speech-colon-quotation-stays"),
    C("'Kefir tüketin uzun yaşayın' Her yaşta güvenle tüketilebilir.",
      ["'Kefir tüketin uzun yaşayın'", "Her yaşta güvenle tüketilebilir."],
      id="devset-quoted-headline"),
    C("Maç bitti. 'Şeker fabrikasında konakladık' 10-11 yaşındaki iki güreşçi kardeş anlattı.",
      ["Maç bitti.", "'Şeker fabrikasında konakladık'",
       "10-11 yaşındaki iki güreşçi kardeş anlattı."], id="devset-quoted-headline-digit"),
    C("'Beşiktaş'ın yeni hocası belli oldu' Yönetim açıklama yaptı.",
      ["'Beşiktaş'ın yeni hocası belli oldu'", "Yönetim açıklama yaptı."],
      id="quoted-headline-apostrophe"),
    C("'Evet' Ahmet'in cevabıydı.", ["'Evet' Ahmet'in cevabıydı."], id="short-quotation-stays"),
    C('"400 KİŞİ GÖZETİMDE" Ancak Münch, saldırının etkisini anlattı.',
      ['"400 KİŞİ GÖZETİMDE"', "Ancak Münch, saldırının etkisini anlattı."],
      id="devset-capitals-headline"),
    C("BU İKİNCİ 'MERKEL' Bebek Angela Merkel'in 27 Aralık'ta doğduğu açıklandı.",
      ["BU İKİNCİ 'MERKEL'", "Bebek Angela Merkel'in 27 Aralık'ta doğduğu açıklandı."],
      id="devset-capitals-headline-quoted-name"),
    C("NATO, ABD ve AB ortak açıklama yaptı. TBMM Genel Kurulu toplandı.",
      ["NATO, ABD ve AB ortak açıklama yaptı.", "TBMM Genel Kurulu toplandı."],
      id="acronyms-are-not-headlines"),
    C("Soru Çözümleri Yapın: Konu tekrarı yapmak kadar soru çözmek de önemli.",
      ["Soru Çözümleri Yapın:", "Konu tekrarı yapmak kadar soru çözmek de önemli."],
      id="devset-title-case-heading-colon"),
    C("Büyük ikramiye üçe bölündü. iOS 9: yeni iPhone işletim sistemi nasıl yüklenir?",
      ["Büyük ikramiye üçe bölündü.", "iOS 9: yeni iPhone işletim sistemi nasıl yüklenir?"],
      id="devset-camel-case-start"),
    C("Personel sayısı 117 bin 378. Türkiye'nin en büyük üssü burada.",
      ["Personel sayısı 117 bin 378.", "Türkiye'nin en büyük üssü burada."],
      id="held-out-count-after-bin"),
    C("Zam oranı ise yüzde 5. İZDENİZ Genel Müdürlüğü açıklama yaptı.",
      ["Zam oranı ise yüzde 5.", "İZDENİZ Genel Müdürlüğü açıklama yaptı."],
      id="held-out-percent-number"),
    C("Cumhuriyetin 100. Yılı kutlandı ve 2 bin 10. yıl dönümü anıldı.",
      ["Cumhuriyetin 100. Yılı kutlandı ve 2 bin 10. yıl dönümü anıldı."],
      id="ordinal-100-stays"),
    C("Şampiyon, sözlerine şöyle devam etti: Bu rakam yüzde 66'lara düştü.",
      ["Şampiyon, sözlerine şöyle devam etti:", "Bu rakam yüzde 66'lara düştü."],
      id="held-out-speech-devam-etti"),
    C("Söylediklerimizi toparlayacak olursak: 1) Plan yapın, 2) Tekrar edin.",
      ["Söylediklerimizi toparlayacak olursak:", "1) Plan yapın, 2) Tekrar edin."],
      id="devset-numbered-list-after-colon"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_segment_tr(text: str, expected: list[str]) -> None:
    assert [s.text for s in segment(text, "tr")] == expected


@pytest.mark.parametrize("lang", ["tr", "tr-TR", "TR", "tr_TR", "tur"])
def test_turkish_codes_use_turkish_rules(lang: str) -> None:
    text = "Yaralı sayısı 15. Bu rakam artabilir. 2. Dünya Savaşı bitti."
    assert [s.text for s in segment(text, lang)] == [
        "Yaralı sayısı 15.", "Bu rakam artabilir.", "2. Dünya Savaşı bitti."
    ]


def test_offsets_indices_and_paragraphs() -> None:
    text = "  Başlık\n\nBirinci cümle. İkinci cümle.\n \t\nÜçüncü paragraf.\n"
    segs = segment(text, "tr")
    assert [s.text for s in segs] == [
        "Başlık", "Birinci cümle.", "İkinci cümle.", "Üçüncü paragraf."
    ]
    assert [s.index for s in segs] == [0, 1, 2, 3]
    assert [s.paragraph for s in segs] == [0, 1, 1, 2]
    for s in segs:
        assert text[s.start : s.end] == s.text


def test_empty_and_blank_text() -> None:
    assert segment("", "tr") == []
    assert segment(" \n\n \t", "tr") == []


# --- properties -------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abcçdefgğhıijklmnoöprsştuüvyzABCÇDEFGĞHIİJKLMNOÖPRSŞTUÜVYZâîû0123456789")
    + list(" \n\t.?!…,;:'\"’“”()[]%-—/@")
    + [" ", " ", "\n\n", ". ", "Dr. ", "1. ", "vb. ", "... ", "A.Ş. "]
)
_TEXT = st.lists(_ALPHABET, max_size=120).map("".join)


def check_invariants(text: str, lang: str) -> None:
    segs = segment(text, lang)
    covered = [0] * len(text)
    prev_end = 0
    for i, s in enumerate(segs):
        assert s.index == i
        assert s.text and s.text == s.text.strip()
        assert text[s.start : s.end] == s.text
        assert s.start >= prev_end
        prev_end = s.end
        for k in range(s.start, s.end):
            covered[k] += 1
    for k, ch in enumerate(text):
        assert covered[k] <= 1
        assert ch.isspace() or covered[k] == 1, (k, ch)
    paragraphs = [s.paragraph for s in segs]
    assert paragraphs == sorted(paragraphs)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_segment_invariants_tr(text: str) -> None:
    check_invariants(text, "tr")


@settings(max_examples=200, deadline=None)
@given(_TEXT)
def test_segment_lines_one_unit_per_line(text: str) -> None:
    units = segment_lines(text)
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    assert len(units) == len(lines)
    for i, (u, line) in enumerate(zip(units, lines, strict=True)):
        assert u.index == i
        assert u.text == line.strip()
        assert text[u.start : u.end] == u.text
    blanks = 0
    for u, line in zip(units, lines, strict=True):
        assert u.paragraph == blanks
        if not line.strip():
            blanks += 1


# --- segment_lines and read_document ---------------------------------------------


def test_segment_lines_units() -> None:
    text = "Bir. İki.\n  Üç  \n\n \nDört\n"
    units = segment_lines(text)
    assert [(u.text, u.start, u.end, u.paragraph) for u in units] == [
        ("Bir. İki.", 0, 9, 0),
        ("Üç", 12, 14, 0),
        ("", 17, 17, 0),
        ("", 18, 18, 1),
        ("Dört", 20, 24, 2),
    ]
    assert segment_lines("") == []
    assert [u.text for u in segment_lines("a\n\n")] == ["a", ""]


def test_read_document_cp1254(tmp_path: Path) -> None:
    raw = "Şişli’de “toplantı” yapıldı. Dr. Işık konuştu.\r\n\r\nİkinci paragraf.\r\n"
    data = raw.replace("’", "'").encode("cp1254")
    path = tmp_path / "belge.txt"
    path.write_bytes(data)
    doc = read_document(path, "tr-TR")
    assert doc.lang == "tr"
    assert doc.encoding == "cp1254"
    assert doc.path == str(path)
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.texts == ["Şişli'de “toplantı” yapıldı.", "Dr. Işık konuştu.", "İkinci paragraf."]
    assert [s.paragraph for s in doc.segments] == [0, 0, 1]
    for s in doc.segments:
        assert doc.text[s.start : s.end] == s.text


def test_read_document_presegmented(tmp_path: Path) -> None:
    path = tmp_path / "satirlar.txt"
    path.write_text("Bir. İki.\n\nÜç\n", encoding="utf-8")
    doc = read_document(path, "tr", presegmented=True)
    assert doc.texts == ["Bir. İki.", "", "Üç"]
    assert [s.paragraph for s in doc.segments] == [0, 0, 1]


def test_read_document_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "yok.txt", "tr")
