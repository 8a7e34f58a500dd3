"""Team-written articles for the corpus layer: one wire story, its copies, and an independent report."""

from __future__ import annotations

WIRE_PARAGRAPHS = [
    "Jakarta (ANTARA) - Menteri Luar Negeri Indonesia menerima kunjungan Menteri Luar Negeri Vietnam di "
    "Gedung Pancasila, Jakarta, pada Selasa (4/3/2025) untuk membahas kerja sama maritim kedua negara.",
    "Dalam pertemuan yang berlangsung hampir dua jam itu, kedua menteri sepakat mempercepat perundingan "
    "batas zona ekonomi eksklusif yang telah berjalan lebih dari satu dasawarsa.",
    "Kedua pihak juga membahas penangkapan ikan secara ilegal di perairan Natuna Utara, yang kerap "
    "melibatkan kapal nelayan dari berbagai negara di kawasan tersebut.",
    "Menurut keterangan tertulis kementerian, Indonesia dan Vietnam akan membentuk kelompok kerja bersama "
    "yang bertemu setiap tiga bulan untuk memantau pelaksanaan kesepakatan tersebut.",
    "Selain isu maritim, pertemuan itu menyinggung rencana peningkatan perdagangan bilateral yang tahun "
    "lalu mencapai sekitar 14 miliar dolar AS, terutama di sektor pertanian dan elektronik.",
    "Vietnam juga menyatakan dukungannya terhadap keketuaan Indonesia dalam sejumlah forum kawasan, "
    "termasuk pertemuan para menteri pertahanan Asia Tenggara yang dijadwalkan bulan depan.",
    "Para pengamat menilai pertemuan ini penting karena kedua negara sama-sama memiliki kepentingan "
    "menjaga stabilitas di Laut China Selatan di tengah meningkatnya ketegangan di kawasan.",
    "Kunjungan menteri luar negeri Vietnam ke Jakarta merupakan yang pertama sejak pelantikan pemerintahan "
    "baru, dan akan dilanjutkan dengan pertemuan dengan sejumlah pengusaha di Surabaya pada Rabu.",
    "Kementerian menyebut hasil pertemuan akan dilaporkan kepada presiden dalam sidang kabinet pekan "
    "depan, bersama rancangan nota kesepahaman di bidang perikanan.",
    "Kedua menteri terakhir kali bertemu di sela sidang tahunan perhimpunan negara-negara Asia Tenggara "
    "di Vientiane, Laos, pada pertengahan tahun lalu.",
]

INDEPENDENT_PARAGRAPHS = [
    "JAKARTA - Pemerintah Indonesia dan Vietnam kembali duduk bersama membicarakan persoalan laut yang "
    "belum tuntas, kali ini di ibu kota, Selasa (4/3/2025).",
    "Diplomat senior yang hadir menyebut suasana perbincangan cair, meski sejumlah perbedaan soal garis "
    "batas masih mengganjal hubungan antara kedua negara.",
    "Hubungan antara Jakarta dan Hanoi selama ini dinilai baik, namun persoalan antara nelayan kedua "
    "negara sering memicu insiden di lapangan, terutama pada musim tangkap.",
    "Pemerintah berharap pembicaraan antara para pejabat teknis dapat segera menghasilkan peta jalan "
    "yang jelas sebelum akhir tahun ini.",
]


def page(title: str, dateline_date: str, outlet_line: str, paragraphs: list[str]) -> str:
    """A scraped page: title, a date line, the body paragraphs and an editor line."""
    return "\n\n".join([title, f"{outlet_line}, {dateline_date}", *paragraphs, "Editor: Redaksi"]) + "\n"
