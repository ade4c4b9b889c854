<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="id_ID">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Tepat</source>
        <translation>Tentang Tepat</translation>
    </message>
    <message>
        <source>Targeting social assistance (PBI-JK, RTLH) at the kecamatan office: household register, verification and proposal letters.</source>
        <translation>Ketepatan sasaran bantuan sosial (PBI-JK, RTLH) di kantor kecamatan: daftar keluarga, verifikasi, dan surat usulan.</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Basis data:</translation>
    </message>
    <message>
        <source>Schema revision:</source>
        <translation>Revisi skema:</translation>
    </message>
    <message>
        <source>none (empty database)</source>
        <translation>belum ada (basis data kosong)</translation>
    </message>
    <message>
        <source>Built with:</source>
        <translation>Dibangun dengan:</translation>
    </message>
    <message>
        <source>Licence:</source>
        <translation>Lisensi:</translation>
    </message>
    <message>
        <source>MIT License. Free to use, copy, change and share; comes with no warranty.</source>
        <translation>Lisensi MIT. Bebas digunakan, disalin, diubah, dan dibagikan, tanpa jaminan apa pun.</translation>
    </message>
</context>
<context>
    <name>Basemap</name>
    <message>
        <source>The basemap file {name} does not exist.</source>
        <translation>Berkas peta dasar {name} tidak ada.</translation>
    </message>
    <message>
        <source>{name} is not an MBTiles file: it has no tiles table.</source>
        <translation>{name} bukan berkas MBTiles: tidak ada tabel tiles di dalamnya.</translation>
    </message>
    <message>
        <source>The basemap file {name} is damaged or not an MBTiles file ({reason}).</source>
        <translation>Berkas peta dasar {name} rusak atau bukan berkas MBTiles ({reason}).</translation>
    </message>
    <message>
        <source>The basemap file {name} holds no tiles.</source>
        <translation>Berkas peta dasar {name} tidak berisi ubin peta.</translation>
    </message>
    <message>
        <source>{name} holds vector tiles; only raster (PNG/JPEG) basemaps can be shown.</source>
        <translation>{name} berisi ubin vektor; hanya peta dasar raster (PNG/JPEG) yang dapat ditampilkan.</translation>
    </message>
    <message>
        <source>The tile folder {name} does not exist.</source>
        <translation>Folder ubin {name} tidak ada.</translation>
    </message>
    <message>
        <source>{name} is not a tile folder: it has no zoom level folders (0, 1, 2...).</source>
        <translation>{name} bukan folder ubin: tidak ada folder tingkat zoom (0, 1, 2...).</translation>
    </message>
    <message>
        <source>The tile folder {name} holds no PNG or JPEG tiles.</source>
        <translation>Folder ubin {name} tidak berisi ubin PNG atau JPEG.</translation>
    </message>
    <message>
        <source>The tile URL must contain {z}, {x} and {y}.</source>
        <translation>URL ubin harus memuat {z}, {x}, dan {y}.</translation>
    </message>
    <message>
        <source>The tile URL must start with http:// or https://.</source>
        <translation>URL ubin harus diawali http:// atau https://.</translation>
    </message>
    <message>
        <source>The online basemap cannot be reached ({reason}); showing the tiles saved earlier only.</source>
        <translation>Peta dasar daring tidak dapat dijangkau ({reason}); hanya ubin yang tersimpan sebelumnya yang ditampilkan.</translation>
    </message>
    <message>
        <source>An online basemap needs a cache folder.</source>
        <translation>Peta dasar daring memerlukan folder tembolok.</translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation>Peta dasar</translation>
    </message>
    <message>
        <source>Basemap not shown: {reason} The map works without it.</source>
        <translation>Peta dasar tidak ditampilkan: {reason} Peta tetap dapat dipakai tanpanya.</translation>
    </message>
    <message>
        <source>{n} basemap tiles are damaged and are left out.</source>
        <translation>{n} ubin peta dasar rusak dan dilewati.</translation>
    </message>
    <message>
        <source>None chosen</source>
        <translation>Belum dipilih</translation>
    </message>
    <message>
        <source>Not available</source>
        <translation>Tidak tersedia</translation>
    </message>
</context>
<context>
    <name>Codes</name>
    <message>
        <source>Male</source>
        <translation>Laki-laki</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Perempuan</translation>
    </message>
    <message>
        <source>Own</source>
        <translation>Milik sendiri</translation>
    </message>
    <message>
        <source>Rented</source>
        <translation>Sewa/kontrak</translation>
    </message>
    <message>
        <source>Rent-free</source>
        <translation>Bebas sewa</translation>
    </message>
    <message>
        <source>Official housing</source>
        <translation>Rumah dinas</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>SHM in own name</source>
        <translation>SHM atas nama sendiri</translation>
    </message>
    <message>
        <source>SHM in another name, with agreement</source>
        <translation>SHM atas nama orang lain, dengan perjanjian</translation>
    </message>
    <message>
        <source>SHGB</source>
        <translation>SHGB</translation>
    </message>
    <message>
        <source>Girik / letter C</source>
        <translation>Girik / letter C</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Tidak ada</translation>
    </message>
    <message>
        <source>Concrete</source>
        <translation>Beton</translation>
    </message>
    <message>
        <source>Clay tile</source>
        <translation>Genteng tanah liat</translation>
    </message>
    <message>
        <source>Zinc</source>
        <translation>Seng</translation>
    </message>
    <message>
        <source>Asbestos</source>
        <translation>Asbes</translation>
    </message>
    <message>
        <source>Shingle</source>
        <translation>Sirap</translation>
    </message>
    <message>
        <source>Bamboo</source>
        <translation>Bambu</translation>
    </message>
    <message>
        <source>Thatch</source>
        <translation>Ijuk/rumbia</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Baik</translation>
    </message>
    <message>
        <source>Leaking in parts</source>
        <translation>Bocor di beberapa bagian</translation>
    </message>
    <message>
        <source>Badly damaged</source>
        <translation>Rusak berat</translation>
    </message>
    <message>
        <source>Masonry</source>
        <translation>Tembok</translation>
    </message>
    <message>
        <source>Plastered woven bamboo</source>
        <translation>Anyaman bambu diplester</translation>
    </message>
    <message>
        <source>Wood / board</source>
        <translation>Kayu / papan</translation>
    </message>
    <message>
        <source>Woven bamboo</source>
        <translation>Anyaman bambu</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>Kayu gelondongan</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>Utuh</translation>
    </message>
    <message>
        <source>Cracked</source>
        <translation>Retak</translation>
    </message>
    <message>
        <source>Rotten</source>
        <translation>Lapuk</translation>
    </message>
    <message>
        <source>Ceramic</source>
        <translation>Keramik</translation>
    </message>
    <message>
        <source>Tile / terrazzo</source>
        <translation>Ubin / teraso</translation>
    </message>
    <message>
        <source>Wood</source>
        <translation>Kayu</translation>
    </message>
    <message>
        <source>Cement / brick</source>
        <translation>Semen / bata</translation>
    </message>
    <message>
        <source>Earth</source>
        <translation>Tanah</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Rusak</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Bersama</translation>
    </message>
    <message>
        <source>Public</source>
        <translation>Umum</translation>
    </message>
    <message>
        <source>Gooseneck</source>
        <translation>Leher angsa</translation>
    </message>
    <message>
        <source>Plank squat</source>
        <translation>Plengsengan</translation>
    </message>
    <message>
        <source>Pit latrine</source>
        <translation>Cubluk</translation>
    </message>
    <message>
        <source>Septic tank</source>
        <translation>Tangki septik</translation>
    </message>
    <message>
        <source>River</source>
        <translation>Sungai</translation>
    </message>
    <message>
        <source>Pit</source>
        <translation>Lubang tanah</translation>
    </message>
    <message>
        <source>Open ground</source>
        <translation>Tanah terbuka</translation>
    </message>
    <message>
        <source>Piped water</source>
        <translation>Air ledeng (PDAM)</translation>
    </message>
    <message>
        <source>Bottled / refill</source>
        <translation>Air kemasan / isi ulang</translation>
    </message>
    <message>
        <source>Drilled well</source>
        <translation>Sumur bor</translation>
    </message>
    <message>
        <source>Protected well</source>
        <translation>Sumur terlindung</translation>
    </message>
    <message>
        <source>Unprotected well</source>
        <translation>Sumur tak terlindung</translation>
    </message>
    <message>
        <source>Spring</source>
        <translation>Mata air</translation>
    </message>
    <message>
        <source>Rain water</source>
        <translation>Air hujan</translation>
    </message>
    <message>
        <source>PLN, metered</source>
        <translation>PLN, dengan meteran</translation>
    </message>
    <message>
        <source>PLN, unmetered</source>
        <translation>PLN, tanpa meteran</translation>
    </message>
    <message>
        <source>Not PLN</source>
        <translation>Bukan PLN</translation>
    </message>
    <message>
        <source>Under Rp1 million</source>
        <translation>Kurang dari Rp1 juta</translation>
    </message>
    <message>
        <source>Rp1–2 million</source>
        <translation>Rp1–2 juta</translation>
    </message>
    <message>
        <source>Rp2–3 million</source>
        <translation>Rp2–3 juta</translation>
    </message>
    <message>
        <source>Rp3–4 million</source>
        <translation>Rp3–4 juta</translation>
    </message>
    <message>
        <source>Rp4–5 million</source>
        <translation>Rp4–5 juta</translation>
    </message>
    <message>
        <source>Over Rp5 million</source>
        <translation>Lebih dari Rp5 juta</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Kepala keluarga</translation>
    </message>
    <message>
        <source>Spouse</source>
        <translation>Istri/suami</translation>
    </message>
    <message>
        <source>Child</source>
        <translation>Anak</translation>
    </message>
    <message>
        <source>Child-in-law</source>
        <translation>Menantu</translation>
    </message>
    <message>
        <source>Grandchild</source>
        <translation>Cucu</translation>
    </message>
    <message>
        <source>Parent</source>
        <translation>Orang tua</translation>
    </message>
    <message>
        <source>Parent-in-law</source>
        <translation>Mertua</translation>
    </message>
    <message>
        <source>Other relative</source>
        <translation>Famili lain</translation>
    </message>
    <message>
        <source>Single</source>
        <translation>Belum kawin</translation>
    </message>
    <message>
        <source>Married</source>
        <translation>Kawin</translation>
    </message>
    <message>
        <source>Divorced</source>
        <translation>Cerai hidup</translation>
    </message>
    <message>
        <source>Widowed</source>
        <translation>Cerai mati</translation>
    </message>
    <message>
        <source>No schooling</source>
        <translation>Tidak sekolah</translation>
    </message>
    <message>
        <source>Did not finish SD</source>
        <translation>Tidak tamat SD</translation>
    </message>
    <message>
        <source>SD</source>
        <translation>SD</translation>
    </message>
    <message>
        <source>SMP</source>
        <translation>SMP</translation>
    </message>
    <message>
        <source>SMA/SMK</source>
        <translation>SMA/SMK</translation>
    </message>
    <message>
        <source>Diploma</source>
        <translation>Diploma</translation>
    </message>
    <message>
        <source>Bachelor</source>
        <translation>S1</translation>
    </message>
    <message>
        <source>Postgraduate</source>
        <translation>S2/S3</translation>
    </message>
    <message>
        <source>Not working</source>
        <translation>Tidak bekerja</translation>
    </message>
    <message>
        <source>Housekeeping</source>
        <translation>Mengurus rumah tangga</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>Pelajar/mahasiswa</translation>
    </message>
    <message>
        <source>Farmer</source>
        <translation>Petani</translation>
    </message>
    <message>
        <source>Farm labourer</source>
        <translation>Buruh tani</translation>
    </message>
    <message>
        <source>Fisher</source>
        <translation>Nelayan</translation>
    </message>
    <message>
        <source>Day labourer</source>
        <translation>Buruh harian lepas</translation>
    </message>
    <message>
        <source>Construction worker</source>
        <translation>Buruh bangunan</translation>
    </message>
    <message>
        <source>Factory worker</source>
        <translation>Buruh pabrik</translation>
    </message>
    <message>
        <source>Trader</source>
        <translation>Pedagang</translation>
    </message>
    <message>
        <source>Street vendor</source>
        <translation>Pedagang kaki lima</translation>
    </message>
    <message>
        <source>Driver</source>
        <translation>Sopir</translation>
    </message>
    <message>
        <source>Online driver</source>
        <translation>Pengemudi ojek daring</translation>
    </message>
    <message>
        <source>Craftsman</source>
        <translation>Perajin</translation>
    </message>
    <message>
        <source>Private employee</source>
        <translation>Karyawan swasta</translation>
    </message>
    <message>
        <source>Self-employed</source>
        <translation>Wiraswasta</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>Guru</translation>
    </message>
    <message>
        <source>Health worker</source>
        <translation>Tenaga kesehatan</translation>
    </message>
    <message>
        <source>Honorary staff</source>
        <translation>Tenaga honorer</translation>
    </message>
    <message>
        <source>Civil servant (ASN)</source>
        <translation>Aparatur sipil negara (ASN)</translation>
    </message>
    <message>
        <source>Military (TNI)</source>
        <translation>Tentara (TNI)</translation>
    </message>
    <message>
        <source>Police (Polri)</source>
        <translation>Polisi (Polri)</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Pensiunan</translation>
    </message>
    <message>
        <source>Physical</source>
        <translation>Fisik</translation>
    </message>
    <message>
        <source>Visual</source>
        <translation>Netra</translation>
    </message>
    <message>
        <source>Hearing</source>
        <translation>Rungu</translation>
    </message>
    <message>
        <source>Speech</source>
        <translation>Wicara</translation>
    </message>
    <message>
        <source>Intellectual</source>
        <translation>Intelektual</translation>
    </message>
    <message>
        <source>Mental</source>
        <translation>Mental</translation>
    </message>
    <message>
        <source>Multiple</source>
        <translation>Ganda</translation>
    </message>
    <message>
        <source>Not covered</source>
        <translation>Tidak terdaftar</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Nonaktif</translation>
    </message>
    <message>
        <source>PBI APBN</source>
        <translation>PBI APBN</translation>
    </message>
    <message>
        <source>PBI APBD</source>
        <translation>PBI APBD</translation>
    </message>
    <message>
        <source>Salaried (PPU)</source>
        <translation>Pekerja penerima upah (PPU)</translation>
    </message>
    <message>
        <source>Self-paying (PBPU)</source>
        <translation>Pekerja bukan penerima upah (PBPU)</translation>
    </message>
    <message>
        <source>Non-worker (BP)</source>
        <translation>Bukan pekerja (BP)</translation>
    </message>
    <message>
        <source>Photo: front</source>
        <translation>Foto: depan</translation>
    </message>
    <message>
        <source>Photo: side</source>
        <translation>Foto: samping</translation>
    </message>
    <message>
        <source>Photo: back</source>
        <translation>Foto: belakang</translation>
    </message>
    <message>
        <source>Photo: roof</source>
        <translation>Foto: atap</translation>
    </message>
    <message>
        <source>Photo: floor</source>
        <translation>Foto: lantai</translation>
    </message>
    <message>
        <source>Photo: sanitation</source>
        <translation>Foto: sanitasi</translation>
    </message>
    <message>
        <source>Photo: other</source>
        <translation>Foto: lainnya</translation>
    </message>
    <message>
        <source>Document: KK</source>
        <translation>Dokumen: KK</translation>
    </message>
    <message>
        <source>Document: KTP</source>
        <translation>Dokumen: KTP</translation>
    </message>
    <message>
        <source>Document: land</source>
        <translation>Dokumen: tanah</translation>
    </message>
    <message>
        <source>Document: other</source>
        <translation>Dokumen: lainnya</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ya</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Tidak</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Household changed by someone else</source>
        <translation>Data keluarga diubah oleh orang lain</translation>
    </message>
    <message>
        <source>{user} saved this household at {time}, after you opened it.</source>
        <translation>{user} menyimpan data keluarga ini pada {time}, setelah Anda membukanya.</translation>
    </message>
    <message>
        <source>{user} saved this household after you opened it.</source>
        <translation>{user} menyimpan data keluarga ini setelah Anda membukanya.</translation>
    </message>
    <message>
        <source>Someone else saved this household after you opened it.</source>
        <translation>Orang lain menyimpan data keluarga ini setelah Anda membukanya.</translation>
    </message>
    <message>
        <source>Nothing was saved. Below is what they changed. Re-apply puts your own changes on top of theirs (where you both changed a field, yours wins; those rows are marked); you can check the result before saving again.</source>
        <translation>Tidak ada yang disimpan. Di bawah ini perubahan yang mereka buat. &quot;Terapkan ulang&quot; menaruh perubahan Anda di atas perubahan mereka (bila Anda berdua mengubah isian yang sama, isian Anda yang dipakai; baris itu ditandai); Anda dapat memeriksa hasilnya sebelum menyimpan lagi.</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Bagian</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Isian</translation>
    </message>
    <message>
        <source>Their value</source>
        <translation>Nilai mereka</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>Nilai Anda</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Keluarga</translation>
    </message>
    <message>
        <source>Member: {name}</source>
        <translation>Anggota: {name}</translation>
    </message>
    <message>
        <source>joined</source>
        <translation>bergabung</translation>
    </message>
    <message>
        <source>left this KK</source>
        <translation>keluar dari KK ini</translation>
    </message>
    <message>
        <source>You changed this field too.</source>
        <translation>Anda juga mengubah isian ini.</translation>
    </message>
    <message>
        <source>Re-apply my changes</source>
        <translation>Terapkan ulang perubahan saya</translation>
    </message>
    <message>
        <source>Reload theirs, drop mine</source>
        <translation>Muat versi mereka, buang perubahan saya</translation>
    </message>
    <message>
        <source>Back to the form</source>
        <translation>Kembali ke formulir</translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <source>Database</source>
        <translation>Basis Data</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Menghubungkan…</translation>
    </message>
    <message>
        <source>{where}: the file does not exist yet; Tepat will create it on the next start.</source>
        <translation>{where}: berkas belum ada; Tepat akan membuatnya saat dijalankan berikutnya.</translation>
    </message>
    <message>
        <source>it was written by a newer Tepat; update Tepat before using it.</source>
        <translation>basis data ini ditulis oleh Tepat versi yang lebih baru; perbarui Tepat sebelum memakainya.</translation>
    </message>
    <message>
        <source>it is empty; Tepat will create its tables on the next start.</source>
        <translation>basis data masih kosong; Tepat akan membuat tabelnya saat dijalankan berikutnya.</translation>
    </message>
    <message>
        <source>its schema is up to date.</source>
        <translation>skemanya sudah mutakhir.</translation>
    </message>
    <message>
        <source>its schema will be upgraded on the next start, after a backup.</source>
        <translation>skemanya akan diperbarui saat Tepat dijalankan berikutnya, setelah dicadangkan.</translation>
    </message>
    <message>
        <source>Connected to {where}: {status}</source>
        <translation>Terhubung ke {where}: {status}</translation>
    </message>
    <message>
        <source>this is not a database URL Tepat understands.</source>
        <translation>ini bukan URL basis data yang dikenali Tepat.</translation>
    </message>
    <message>
        <source>Cannot connect: {message}</source>
        <translation>Tidak dapat terhubung: {message}</translation>
    </message>
    <message>
        <source>Choose or create a SQLite database file</source>
        <translation>Pilih atau buat berkas basis data SQLite</translation>
    </message>
    <message>
        <source>SQLite databases (*.sqlite3 *.sqlite *.db);;All files (*)</source>
        <translation>Basis data SQLite (*.sqlite3 *.sqlite *.db);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Database &amp;URL:</source>
        <translation>&amp;URL basis data:</translation>
    </message>
    <message>
        <source>Empty: the default file on this computer</source>
        <translation>Kosong: berkas bawaan di komputer ini</translation>
    </message>
    <message>
        <source>Choose &amp;file…</source>
        <translation>Pilih &amp;berkas…</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Uji &amp;koneksi</translation>
    </message>
    <message>
        <source>Tepat opens this database the next time it starts. Use sqlite:///path/to/file for a file on this computer or postgresql+psycopg://user@server/name for a shared server. Leave it empty for the default file ({path}). Now in use: {current}.</source>
        <translation>Tepat membuka basis data ini saat dijalankan berikutnya. Gunakan sqlite:///lokasi/berkas untuk berkas di komputer ini atau postgresql+psycopg://pengguna@server/nama untuk server bersama. Kosongkan untuk memakai berkas bawaan ({path}). Yang dipakai sekarang: {current}.</translation>
    </message>
</context>
<context>
    <name>DemoDialog</name>
    <message>
        <source>Generating {n} demo households…</source>
        <translation>Membuat {n} keluarga demo…</translation>
    </message>
    <message>
        <source>Demo data loaded</source>
        <translation>Data demo dimuat</translation>
    </message>
    <message>
        <source>The demo households are in the register.</source>
        <translation>Keluarga demo sudah masuk ke daftar keluarga.</translation>
    </message>
    <message>
        <source>Demo data not loaded</source>
        <translation>Data demo tidak dimuat</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Data Demo</translation>
    </message>
    <message>
        <source>The register is empty. To try Tepat, it can be filled with generated households: invented families spread over the kelurahan of Kota Serang. Demo data goes only into an empty register, so it never mixes with real data.</source>
        <translation>Daftar keluarga masih kosong. Untuk mencoba Tepat, daftar dapat diisi dengan keluarga buatan: keluarga rekaan yang tersebar di kelurahan-kelurahan Kota Serang. Data demo hanya dapat dimuat ke daftar yang kosong, sehingga tidak pernah bercampur dengan data sebenarnya.</translation>
    </message>
    <message>
        <source>Start with an empty register</source>
        <translation>Mulai dengan daftar kosong</translation>
    </message>
    <message>
        <source>Generate invented households for practice and demonstrations. Demo data goes only into an empty register.</source>
        <translation>Buat keluarga rekaan untuk latihan dan peragaan. Data demo hanya dapat dimuat ke daftar yang kosong.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>&amp;Households:</source>
        <translation>Jumlah &amp;keluarga:</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>&amp;Wilayah:</translation>
    </message>
    <message>
        <source>All of Kota Serang</source>
        <translation>Seluruh Kota Serang</translation>
    </message>
    <message>
        <source>Kecamatan {name}</source>
        <translation>Kecamatan {name}</translation>
    </message>
    <message>
        <source>Do not offer this again</source>
        <translation>Jangan tawarkan lagi</translation>
    </message>
    <message>
        <source>&amp;Load demo data</source>
        <translation>&amp;Muat data demo</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Tepat: error</source>
        <translation>Tepat: terjadi kesalahan</translation>
    </message>
    <message>
        <source>Something went wrong that Tepat did not expect.</source>
        <translation>Terjadi kesalahan yang tidak terduga.</translation>
    </message>
    <message>
        <source>Please report the details to your administrator.</source>
        <translation>Laporkan rinciannya kepada administrator Anda.</translation>
    </message>
</context>
<context>
    <name>Fields</name>
    <message>
        <source>No. KK</source>
        <translation>No. KK</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Bujur</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Lintang</translation>
    </message>
    <message>
        <source>Desil</source>
        <translation>Desil</translation>
    </message>
    <message>
        <source>Monthly income</source>
        <translation>Penghasilan per bulan</translation>
    </message>
    <message>
        <source>Land status</source>
        <translation>Status tanah</translation>
    </message>
    <message>
        <source>Land document</source>
        <translation>Dokumen tanah</translation>
    </message>
    <message>
        <source>Owns another house</source>
        <translation>Memiliki rumah lain</translation>
    </message>
    <message>
        <source>Roof material</source>
        <translation>Bahan atap</translation>
    </message>
    <message>
        <source>Roof condition</source>
        <translation>Kondisi atap</translation>
    </message>
    <message>
        <source>Roof frame sound</source>
        <translation>Rangka atap kokoh</translation>
    </message>
    <message>
        <source>Wall material</source>
        <translation>Bahan dinding</translation>
    </message>
    <message>
        <source>Wall condition</source>
        <translation>Kondisi dinding</translation>
    </message>
    <message>
        <source>Columns and beams present</source>
        <translation>Ada kolom dan balok</translation>
    </message>
    <message>
        <source>Floor material</source>
        <translation>Bahan lantai</translation>
    </message>
    <message>
        <source>Floor condition</source>
        <translation>Kondisi lantai</translation>
    </message>
    <message>
        <source>Foundation and sloof present</source>
        <translation>Ada fondasi dan sloof</translation>
    </message>
    <message>
        <source>Risk of collapse</source>
        <translation>Berisiko roboh</translation>
    </message>
    <message>
        <source>Flood or landslide site</source>
        <translation>Lokasi rawan banjir atau longsor</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>Luas lantai (m²)</translation>
    </message>
    <message>
        <source>Occupants</source>
        <translation>Jumlah penghuni</translation>
    </message>
    <message>
        <source>Bedrooms</source>
        <translation>Kamar tidur</translation>
    </message>
    <message>
        <source>Openings ≥ 5% of floor</source>
        <translation>Bukaan ≥ 5% luas lantai</translation>
    </message>
    <message>
        <source>Daylight ≥ 10% of floor</source>
        <translation>Pencahayaan ≥ 10% luas lantai</translation>
    </message>
    <message>
        <source>Toilet</source>
        <translation>Jamban</translation>
    </message>
    <message>
        <source>Toilet type</source>
        <translation>Jenis kloset</translation>
    </message>
    <message>
        <source>Sewage</source>
        <translation>Pembuangan tinja</translation>
    </message>
    <message>
        <source>Drinking water</source>
        <translation>Sumber air minum</translation>
    </message>
    <message>
        <source>Water to septic tank (m)</source>
        <translation>Jarak sumber air ke tangki septik (m)</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>Listrik</translation>
    </message>
    <message>
        <source>Power (VA)</source>
        <translation>Daya (VA)</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Anggota keluarga</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Anggota</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Keluarga</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Jenis kelamin</translation>
    </message>
    <message>
        <source>Birth place</source>
        <translation>Tempat lahir</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <source>Relationship</source>
        <translation>Hubungan keluarga</translation>
    </message>
    <message>
        <source>Marital status</source>
        <translation>Status perkawinan</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Pendidikan</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>Disabilitas</translation>
    </message>
    <message>
        <source>Chronically ill</source>
        <translation>Sakit kronis</translation>
    </message>
    <message>
        <source>Pregnant</source>
        <translation>Hamil</translation>
    </message>
    <message>
        <source>JKN</source>
        <translation>JKN</translation>
    </message>
    <message>
        <source>JKN segment</source>
        <translation>Segmen JKN</translation>
    </message>
    <message>
        <source>ASN/TNI/Polri</source>
        <translation>ASN/TNI/Polri</translation>
    </message>
    <message>
        <source>Deceased</source>
        <translation>Meninggal</translation>
    </message>
    <message>
        <source>Date of death</source>
        <translation>Tanggal meninggal</translation>
    </message>
</context>
<context>
    <name>Flags</name>
    <message>
        <source>ASN/TNI/Polri</source>
        <translation>ASN/TNI/Polri</translation>
    </message>
    <message>
        <source>Disability</source>
        <translation>Disabilitas</translation>
    </message>
    <message>
        <source>Elderly</source>
        <translation>Lansia</translation>
    </message>
    <message>
        <source>Chronic illness</source>
        <translation>Sakit kronis</translation>
    </message>
    <message>
        <source>PBI</source>
        <translation>PBI</translation>
    </message>
    <message>
        <source>No JKN</source>
        <translation>Tanpa JKN</translation>
    </message>
    <message>
        <source>Deceased member</source>
        <translation>Anggota meninggal</translation>
    </message>
    <message>
        <source>No location</source>
        <translation>Tanpa lokasi</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Temuan</translation>
    </message>
</context>
<context>
    <name>HistoryActions</name>
    <message>
        <source>Created</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Diubah</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Dihapus</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>Pindah</translation>
    </message>
    <message>
        <source>Member moved in</source>
        <translation>Anggota pindah masuk</translation>
    </message>
    <message>
        <source>Member moved out</source>
        <translation>Anggota pindah keluar</translation>
    </message>
    <message>
        <source>Split from a KK</source>
        <translation>Pecah KK</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Member: {name}</source>
        <translation>Anggota: {name}</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Lampiran</translation>
    </message>
    <message>
        <source>Household</source>
        <translation>Keluarga</translation>
    </message>
    <message>
        <source>Changes recorded: {count}</source>
        <translation>Perubahan tercatat: {count}</translation>
    </message>
    <message>
        <source>{old} → (empty)</source>
        <translation>{old} → (kosong)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Waktu</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Pengguna</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Tindakan</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Isian</translation>
    </message>
    <message>
        <source>Old → new</source>
        <translation>Lama → baru</translation>
    </message>
</context>
<context>
    <name>HouseholdCardWidget</name>
    <message>
        <source>KK {number}</source>
        <translation>KK {number}</translation>
    </message>
    <message>
        <source>(no head of household listed)</source>
        <translation>(kepala keluarga belum tercatat)</translation>
    </message>
    <message>
        <source>Kelurahan {name} ({code})</source>
        <translation>Kelurahan {name} ({code})</translation>
    </message>
    <message>
        <source>Desil: {desil} · Members: {n}</source>
        <translation>Desil: {desil} · Anggota: {n}</translation>
    </message>
    <message>
        <source>Proposal {program}: {state}</source>
        <translation>Usulan {program}: {state}</translation>
    </message>
    <message>
        <source>No proposals</source>
        <translation>Belum ada usulan</translation>
    </message>
    <message>
        <source>Location {lon}, {lat}</source>
        <translation>Lokasi {lon}, {lat}</translation>
    </message>
    <message>
        <source>Open form</source>
        <translation>Buka formulir</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>HouseholdForm</name>
    <message>
        <source>— choose kelurahan —</source>
        <translation>— pilih kelurahan —</translation>
    </message>
    <message>
        <source>{kelurahan} (Kec. {kecamatan})</source>
        <translation>{kelurahan} (Kec. {kecamatan})</translation>
    </message>
    <message>
        <source>Not saved: {count} problem(s) to fix, shown beside the fields.</source>
        <translation>Tidak disimpan: ada {count} masalah yang perlu diperbaiki, ditunjukkan di samping isian.</translation>
    </message>
    <message>
        <source>Saved, with {count} warning(s) shown beside the fields.</source>
        <translation>Tersimpan, dengan {count} peringatan yang ditunjukkan di samping isian.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Tersimpan.</translation>
    </message>
    <message>
        <source>Reloaded the newer record; your changes were dropped.</source>
        <translation>Data yang lebih baru dimuat ulang; perubahan Anda dibuang.</translation>
    </message>
    <message>
        <source>Your changes were re-applied on the newer record. Check them and save again.</source>
        <translation>Perubahan Anda diterapkan ulang pada data yang lebih baru. Periksa, lalu simpan lagi.</translation>
    </message>
    <message>
        <source>Not saved: the household was changed by someone else.</source>
        <translation>Tidak disimpan: data keluarga ini telah diubah oleh orang lain.</translation>
    </message>
    <message>
        <source>No location recorded.</source>
        <translation>Lokasi belum tercatat.</translation>
    </message>
    <message>
        <source>The point is in no kelurahan with a known boundary.</source>
        <translation>Titik tidak berada di kelurahan mana pun yang batasnya diketahui.</translation>
    </message>
    <message>
        <source>No kelurahan boundaries are loaded.</source>
        <translation>Belum ada batas kelurahan yang dimuat.</translation>
    </message>
    <message>
        <source>The point is in Kel. {name}, not in the kelurahan chosen above.</source>
        <translation>Titik berada di Kel. {name}, bukan di kelurahan yang dipilih di atas.</translation>
    </message>
    <message>
        <source>The point is in Kel. {name}.</source>
        <translation>Titik berada di Kel. {name}.</translation>
    </message>
    <message>
        <source>Save or undo your changes before moving members.</source>
        <translation>Simpan atau urungkan perubahan Anda sebelum memindahkan anggota.</translation>
    </message>
    <message>
        <source>Moved to KK {no_kk}.</source>
        <translation>Dipindahkan ke KK {no_kk}.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Perubahan belum disimpan</translation>
    </message>
    <message>
        <source>This household has changes that are not saved.</source>
        <translation>Ada perubahan pada data keluarga ini yang belum disimpan.</translation>
    </message>
    <message>
        <source>Save them before closing?</source>
        <translation>Simpan sebelum menutup?</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>Keluarga baru</translation>
    </message>
    <message>
        <source>Household KK {no_kk}</source>
        <translation>Keluarga KK {no_kk}</translation>
    </message>
    <message>
        <source>RT / RW</source>
        <translation>RT / RW</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Bujur</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Lintang</translation>
    </message>
    <message>
        <source>16 digits</source>
        <translation>16 angka</translation>
    </message>
    <message>
        <source>Street, kampung or housing estate</source>
        <translation>Jalan, kampung, atau perumahan</translation>
    </message>
    <message>
        <source>Pick on map…</source>
        <translation>Pilih di peta…</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Anggota keluarga</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Keluarga</translation>
    </message>
    <message>
        <source>House condition</source>
        <translation>Kondisi rumah</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Riwayat</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Simpan</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Simpan (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>KelurahanTableModel</name>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Keluarga</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Jiwa</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Language</source>
        <translation>Bahasa</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>&amp;Bahasa tampilan:</translation>
    </message>
    <message>
        <source>The language of menus and windows on this computer. Letters and field checklists are always in Indonesian.</source>
        <translation>Bahasa menu dan jendela di komputer ini. Surat dan daftar periksa lapangan selalu berbahasa Indonesia.</translation>
    </message>
</context>
<context>
    <name>LayerPanel</name>
    <message>
        <source>Opacity {n}%</source>
        <translation>Opasitas {n}%</translation>
    </message>
    <message>
        <source>Move the layer up</source>
        <translation>Naikkan lapisan</translation>
    </message>
    <message>
        <source>Move the layer down</source>
        <translation>Turunkan lapisan</translation>
    </message>
    <message>
        <source>Colour households by</source>
        <translation>Warnai keluarga menurut</translation>
    </message>
    <message>
        <source>Show households as</source>
        <translation>Tampilkan keluarga sebagai</translation>
    </message>
    <message>
        <source>Automatic (density when crowded)</source>
        <translation>Otomatis (grid kepadatan bila terlalu rapat)</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Titik</translation>
    </message>
    <message>
        <source>Density grid</source>
        <translation>Grid kepadatan</translation>
    </message>
</context>
<context>
    <name>LetterheadPage</name>
    <message>
        <source>Letterhead</source>
        <translation>Kop Surat</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Belum ada</translation>
    </message>
    <message>
        <source>{name} cannot be read as an image.</source>
        <translation>{name} tidak dapat dibaca sebagai gambar.</translation>
    </message>
    <message>
        <source>Choose the regional emblem</source>
        <translation>Pilih lambang daerah</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg *.bmp);;All files (*)</source>
        <translation>Gambar (*.png *.jpg *.jpeg *.svg *.bmp);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>&amp;Government line:</source>
        <translation>Baris &amp;pemerintah:</translation>
    </message>
    <message>
        <source>&amp;Office line:</source>
        <translation>Baris &amp;kantor:</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Alamat:</translation>
    </message>
    <message>
        <source>&amp;Telephone:</source>
        <translation>&amp;Telepon:</translation>
    </message>
    <message>
        <source>&amp;Email:</source>
        <translation>&amp;Surel:</translation>
    </message>
    <message>
        <source>E&amp;mblem:</source>
        <translation>&amp;Lambang:</translation>
    </message>
    <message>
        <source>e.g. PEMERINTAH KOTA SERANG</source>
        <translation>mis. PEMERINTAH KOTA SERANG</translation>
    </message>
    <message>
        <source>e.g. KECAMATAN SERANG</source>
        <translation>mis. KECAMATAN SERANG</translation>
    </message>
    <message>
        <source>Street, number, postal code</source>
        <translation>Jalan, nomor, kode pos</translation>
    </message>
    <message>
        <source>&amp;Choose image…</source>
        <translation>Pilih &amp;gambar…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Hapus</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>Ringkasan</translation>
    </message>
    <message>
        <source>Import region boundaries</source>
        <translation>Impor batas wilayah</translation>
    </message>
    <message>
        <source>GeoJSON files (*.geojson *.json);;All files (*)</source>
        <translation>Berkas GeoJSON (*.geojson *.json);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Importing boundaries from {name}…</source>
        <translation>Mengimpor batas wilayah dari {name}…</translation>
    </message>
    <message>
        <source>Kelurahan boundaries stored: {n}</source>
        <translation>Batas kelurahan tersimpan: {n}</translation>
    </message>
    <message>
        <source>Kecamatan boundaries stored: {n}</source>
        <translation>Batas kecamatan tersimpan: {n}</translation>
    </message>
    <message>
        <source>The file held no kecamatan: each kecamatan was formed by joining its kelurahan.</source>
        <translation>Berkas tidak memuat kecamatan: batas setiap kecamatan dibentuk dengan menggabungkan kelurahannya.</translation>
    </message>
    <message>
        <source>Shapes repaired: {n}</source>
        <translation>Bentuk yang diperbaiki: {n}</translation>
    </message>
    <message>
        <source>Features left out: {n}</source>
        <translation>Fitur yang dilewati: {n}</translation>
    </message>
    <message>
        <source>Boundaries imported</source>
        <translation>Batas wilayah diimpor</translation>
    </message>
    <message>
        <source>The boundaries in {name} were imported.</source>
        <translation>Batas wilayah dari {name} sudah diimpor.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Berkas</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Data</translation>
    </message>
    <message>
        <source>&amp;Proposals</source>
        <translation>&amp;Usulan</translation>
    </message>
    <message>
        <source>&amp;Letters</source>
        <translation>&amp;Surat</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>&amp;Alat</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ban&amp;tuan</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Pengaturan…</translation>
    </message>
    <message>
        <source>Office, letterhead, signatory, database and language settings</source>
        <translation>Pengaturan kantor, kop surat, penanda tangan, basis data, dan bahasa</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Keluar</translation>
    </message>
    <message>
        <source>&amp;Import boundaries…</source>
        <translation>&amp;Impor batas wilayah…</translation>
    </message>
    <message>
        <source>Import kelurahan and kecamatan boundaries from a GeoJSON file</source>
        <translation>Impor batas kelurahan dan kecamatan dari berkas GeoJSON</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Muat ulang</translation>
    </message>
    <message>
        <source>Read the register again (F5)</source>
        <translation>Baca ulang daftar keluarga (F5)</translation>
    </message>
    <message>
        <source>Load &amp;demo data…</source>
        <translation>Muat data &amp;demo…</translation>
    </message>
    <message>
        <source>&amp;About Tepat</source>
        <translation>&amp;Tentang Tepat</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Tentang &amp;Qt</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Bilah alat utama</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <source>Regions &amp;panel</source>
        <translation>&amp;Panel wilayah</translation>
    </message>
    <message>
        <source>The database in use: {where}. Choose another in Settings → Database.</source>
        <translation>Basis data yang dipakai: {where}. Pilih yang lain di Pengaturan → Basis Data.</translation>
    </message>
    <message>
        <source>User: {name} (demo mode)</source>
        <translation>Pengguna: {name} (mode demo)</translation>
    </message>
    <message>
        <source>No one has signed in: the built-in demo administrator is acting.</source>
        <translation>Belum ada pengguna yang masuk; Tepat berjalan sebagai administrator demo bawaan.</translation>
    </message>
    <message>
        <source>User: {name}</source>
        <translation>Pengguna: {name}</translation>
    </message>
    <message>
        <source>Fill the empty register with generated households for practice</source>
        <translation>Isi daftar yang kosong dengan keluarga buatan untuk latihan</translation>
    </message>
    <message>
        <source>Demo data goes only into an empty register; this one holds households.</source>
        <translation>Data demo hanya dapat dimuat ke daftar yang kosong; daftar ini sudah berisi keluarga.</translation>
    </message>
    <message>
        <source>Tepat — Kecamatan {name}</source>
        <translation>Tepat — Kecamatan {name}</translation>
    </message>
    <message>
        <source>Office: Kecamatan {name}</source>
        <translation>Kantor: Kecamatan {name}</translation>
    </message>
    <message>
        <source>Office region code: {code}</source>
        <translation>Kode wilayah kantor: {code}</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <source>No boundaries yet: import the kelurahan boundaries (Data menu). Households are shown without them.</source>
        <translation>Belum ada batas wilayah: impor batas kelurahan (menu Data). Keluarga tetap ditampilkan tanpa batas.</translation>
    </message>
</context>
<context>
    <name>MapExport</name>
    <message>
        <source>Made with Tepat, {date}</source>
        <translation>Dibuat dengan Tepat, {date}</translation>
    </message>
</context>
<context>
    <name>MapLayers</name>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Demo boundaries, not the official ones: import the real boundaries (Data menu).</source>
        <translation>Batas wilayah demo, bukan batas resmi: impor batas yang sebenarnya (menu Data).</translation>
    </message>
    <message>
        <source>Kecamatan boundary</source>
        <translation>Batas kecamatan</translation>
    </message>
    <message>
        <source>Kelurahan boundary</source>
        <translation>Batas kelurahan</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Keluarga</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Pilihan</translation>
    </message>
</context>
<context>
    <name>MapStyle</name>
    <message>
        <source>Proposal status</source>
        <translation>Status usulan</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Desil</source>
        <translation>Desil</translation>
    </message>
    <message>
        <source>Check findings</source>
        <translation>Temuan pemeriksaan</translation>
    </message>
    <message>
        <source>No proposal</source>
        <translation>Tanpa usulan</translation>
    </message>
    <message>
        <source>Desil not known</source>
        <translation>Desil tidak diketahui</translation>
    </message>
    <message>
        <source>No open findings</source>
        <translation>Tidak ada temuan terbuka</translation>
    </message>
    <message>
        <source>No value</source>
        <translation>Tanpa nilai</translation>
    </message>
    <message>
        <source>Desil {n}</source>
        <translation>Desil {n}</translation>
    </message>
    <message>
        <source>Blocking finding</source>
        <translation>Temuan penghalang</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Diajukan</translation>
    </message>
    <message>
        <source>In field verification</source>
        <translation>Dalam verifikasi lapangan</translation>
    </message>
    <message>
        <source>Verified eligible</source>
        <translation>Terverifikasi layak</translation>
    </message>
    <message>
        <source>Verified not eligible</source>
        <translation>Terverifikasi tidak layak</translation>
    </message>
    <message>
        <source>Approved by the Camat</source>
        <translation>Disetujui Camat</translation>
    </message>
    <message>
        <source>Rejected by the Camat</source>
        <translation>Ditolak Camat</translation>
    </message>
    <message>
        <source>Sent in a letter</source>
        <translation>Dikirim dengan surat</translation>
    </message>
    <message>
        <source>Accepted by the Dinas</source>
        <translation>Diterima Dinas</translation>
    </message>
    <message>
        <source>Declined by the Dinas</source>
        <translation>Ditolak Dinas</translation>
    </message>
    <message>
        <source>Returned for revision</source>
        <translation>Dikembalikan untuk perbaikan</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Dibatalkan</translation>
    </message>
</context>
<context>
    <name>MapTools</name>
    <message>
        <source>Browse and identify</source>
        <translation>Jelajah dan identifikasi</translation>
    </message>
    <message>
        <source>Select with a rectangle</source>
        <translation>Pilih dengan kotak</translation>
    </message>
    <message>
        <source>Select with a lasso</source>
        <translation>Pilih dengan laso</translation>
    </message>
    <message>
        <source>Pick a location</source>
        <translation>Pilih lokasi</translation>
    </message>
    <message>
        <source>Measure distance</source>
        <translation>Ukur jarak</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>Whole area</source>
        <translation>Seluruh wilayah</translation>
    </message>
    <message>
        <source>Kec. {name}</source>
        <translation>Kec. {name}</translation>
    </message>
    <message>
        <source>Longitude {lon}  Latitude {lat}</source>
        <translation>Bujur {lon}  Lintang {lat}</translation>
    </message>
    <message>
        <source>Scale 1:{n}</source>
        <translation>Skala 1:{n}</translation>
    </message>
    <message>
        <source>{n} selected</source>
        <translation>{n} dipilih</translation>
    </message>
    <message>
        <source>Distance {d}</source>
        <translation>Jarak {d}</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>Jelajah</translation>
    </message>
    <message>
        <source>Drag to move the map; click a household to see its card</source>
        <translation>Seret untuk menggeser peta; klik keluarga untuk melihat kartunya</translation>
    </message>
    <message>
        <source>Select box</source>
        <translation>Pilih kotak</translation>
    </message>
    <message>
        <source>Drag a box to select households (Shift adds, Ctrl removes)</source>
        <translation>Seret kotak untuk memilih keluarga (Shift menambah, Ctrl mengurangi)</translation>
    </message>
    <message>
        <source>Select lasso</source>
        <translation>Pilih laso</translation>
    </message>
    <message>
        <source>Draw around households to select them (Shift adds, Ctrl removes)</source>
        <translation>Lingkari keluarga untuk memilihnya (Shift menambah, Ctrl mengurangi)</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>Ukur</translation>
    </message>
    <message>
        <source>Click points to measure a distance in metres; double-click to finish, Esc to clear</source>
        <translation>Klik titik-titik untuk mengukur jarak dalam meter; klik ganda untuk selesai, Esc untuk menghapus</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Perbesar</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Perkecil</translation>
    </message>
    <message>
        <source>Full extent</source>
        <translation>Tampilan penuh</translation>
    </message>
    <message>
        <source>Show the whole area (Home)</source>
        <translation>Tampilkan seluruh wilayah (Home)</translation>
    </message>
    <message>
        <source>Zoom to selection</source>
        <translation>Perbesar ke pilihan</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>Ekspor PNG…</translation>
    </message>
    <message>
        <source>Save the current view as a PNG image with legend, scale bar and title</source>
        <translation>Simpan tampilan saat ini sebagai gambar PNG dengan legenda, skala batang, dan judul</translation>
    </message>
    <message>
        <source>Zoom to a kecamatan or kelurahan</source>
        <translation>Perbesar ke kecamatan atau kelurahan</translation>
    </message>
    <message>
        <source>Move the mouse over the map to read longitude and latitude</source>
        <translation>Gerakkan tetikus di atas peta untuk membaca bujur dan lintang</translation>
    </message>
</context>
<context>
    <name>MoveMembersDialog</name>
    <message>
        <source>Move members to another KK</source>
        <translation>Pindahkan anggota ke KK lain</translation>
    </message>
    <message>
        <source>Moving: {names}</source>
        <translation>Dipindahkan: {names}</translation>
    </message>
    <message>
        <source>To an existing KK</source>
        <translation>Ke KK yang sudah ada</translation>
    </message>
    <message>
        <source>To a new KK (split), same address</source>
        <translation>Ke KK baru (pecah KK), alamat sama</translation>
    </message>
    <message>
        <source>No. KK (16 digits)</source>
        <translation>No. KK (16 angka)</translation>
    </message>
    <message>
        <source>{name}, in the new KK:</source>
        <translation>{name}, di KK baru:</translation>
    </message>
    <message>
        <source>New head of KK {no_kk}:</source>
        <translation>Kepala keluarga baru KK {no_kk}:</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>Office</source>
        <translation>Kantor</translation>
    </message>
    <message>
        <source>&amp;Kecamatan:</source>
        <translation>&amp;Kecamatan:</translation>
    </message>
    <message>
        <source>&amp;Place on letters:</source>
        <translation>&amp;Tempat pada surat:</translation>
    </message>
    <message>
        <source>e.g. Serang</source>
        <translation>mis. Serang</translation>
    </message>
    <message>
        <source>The kecamatan decides which region the office works in. The place is written before the date of each letter, as in &quot;Serang, 10 April 2025&quot;.</source>
        <translation>Kecamatan menentukan wilayah kerja kantor. Tempat ditulis sebelum tanggal setiap surat, seperti &quot;Serang, 10 April 2025&quot;.</translation>
    </message>
</context>
<context>
    <name>Operation</name>
    <message>
        <source>Please wait</source>
        <translation>Mohon tunggu</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
</context>
<context>
    <name>OverviewWidget</name>
    <message>
        <source>Showing: {region}</source>
        <translation>Ditampilkan: {region}</translation>
    </message>
    <message>
        <source>Register overview</source>
        <translation>Ringkasan daftar keluarga</translation>
    </message>
    <message>
        <source>Households and members in the register, per kelurahan. Choose a region on the left to narrow the table.</source>
        <translation>Jumlah keluarga dan jiwa dalam daftar, per kelurahan. Pilih wilayah di sebelah kiri untuk mempersempit tabel.</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Keluarga</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Anggota keluarga</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Usulan</translation>
    </message>
    <message>
        <source>Filter by kelurahan, kecamatan or code…</source>
        <translation>Saring menurut kelurahan, kecamatan, atau kode…</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>Tampilkan semua</translation>
    </message>
    <message>
        <source>No regions in the register yet. Load demo data from the Tools menu, or import region boundaries from the Data menu.</source>
        <translation>Belum ada wilayah dalam basis data. Muat data demo dari menu Alat, atau impor batas wilayah dari menu Data.</translation>
    </message>
</context>
<context>
    <name>RegionTree</name>
    <message>
        <source>Kecamatan {name}</source>
        <translation>Kecamatan {name}</translation>
    </message>
    <message>
        <source>Desa {name}</source>
        <translation>Desa {name}</translation>
    </message>
    <message>
        <source>Kelurahan {name}</source>
        <translation>Kelurahan {name}</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Keluarga</translation>
    </message>
    <message>
        <source>No regions loaded yet.</source>
        <translation>Belum ada wilayah yang dimuat.</translation>
    </message>
</context>
<context>
    <name>RegisterModel</name>
    <message>
        <source>No. KK</source>
        <translation>No. KK</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Kepala keluarga</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Alamat</translation>
    </message>
    <message>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Desil</source>
        <translation>Desil</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Anggota</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Tanda</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Usulan</translation>
    </message>
</context>
<context>
    <name>RegisterView</name>
    <message>
        <source>All kecamatan</source>
        <translation>Semua kecamatan</translation>
    </message>
    <message>
        <source>Kec. {name}</source>
        <translation>Kec. {name}</translation>
    </message>
    <message>
        <source>All desil</source>
        <translation>Semua desil</translation>
    </message>
    <message>
        <source>Desil {low}–{high}</source>
        <translation>Desil {low}–{high}</translation>
    </message>
    <message>
        <source>Desil {value}</source>
        <translation>Desil {value}</translation>
    </message>
    <message>
        <source>All programs</source>
        <translation>Semua program</translation>
    </message>
    <message>
        <source>Any proposal status</source>
        <translation>Semua status usulan</translation>
    </message>
    <message>
        <source>Not proposed</source>
        <translation>Belum diusulkan</translation>
    </message>
    <message>
        <source>All kelurahan</source>
        <translation>Semua kelurahan</translation>
    </message>
    <message>
        <source>Flags ({count})</source>
        <translation>Tanda ({count})</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Tanda</translation>
    </message>
    <message>
        <source>Households: {count}</source>
        <translation>Keluarga: {count}</translation>
    </message>
    <message>
        <source>Search NIK, No. KK or name… (Ctrl+F)</source>
        <translation>Cari NIK, No. KK, atau nama… (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find household</source>
        <translation>Cari keluarga</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>Keluarga baru</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>RW</source>
        <translation>RW</translation>
    </message>
    <message>
        <source>RT</source>
        <translation>RT</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Hapus saringan</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings not saved</source>
        <translation>Pengaturan tidak disimpan</translation>
    </message>
    <message>
        <source>Nothing was saved. Correct the fields marked in red.</source>
        <translation>Tidak ada yang disimpan. Perbaiki isian yang ditandai merah.</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Pengaturan</translation>
    </message>
</context>
<context>
    <name>SignatoryPage</name>
    <message>
        <source>Signatory</source>
        <translation>Penanda Tangan</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <source>&amp;Position:</source>
        <translation>&amp;Jabatan:</translation>
    </message>
    <message>
        <source>On &amp;behalf of (a.n.):</source>
        <translation>&amp;Atas nama (a.n.):</translation>
    </message>
    <message>
        <source>&amp;Rank:</source>
        <translation>&amp;Pangkat/golongan:</translation>
    </message>
    <message>
        <source>N&amp;IP:</source>
        <translation>N&amp;IP:</translation>
    </message>
    <message>
        <source>e.g. CAMAT SERANG</source>
        <translation>mis. CAMAT SERANG</translation>
    </message>
    <message>
        <source>Empty when the Camat signs in person</source>
        <translation>Kosongkan bila Camat menandatangani sendiri</translation>
    </message>
    <message>
        <source>e.g. Pembina Tingkat I (IV/b)</source>
        <translation>mis. Pembina Tingkat I (IV/b)</translation>
    </message>
    <message>
        <source>18 digits</source>
        <translation>18 angka</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>Tepat cannot open the database</source>
        <translation>Tepat tidak dapat membuka basis data</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <source>Draft</source>
        <translation>Draf</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Diajukan</translation>
    </message>
    <message>
        <source>In field verification</source>
        <translation>Dalam verifikasi lapangan</translation>
    </message>
    <message>
        <source>Verified eligible</source>
        <translation>Terverifikasi layak</translation>
    </message>
    <message>
        <source>Verified not eligible</source>
        <translation>Terverifikasi tidak layak</translation>
    </message>
    <message>
        <source>Returned for revision</source>
        <translation>Dikembalikan untuk perbaikan</translation>
    </message>
    <message>
        <source>Approved by the Camat</source>
        <translation>Disetujui Camat</translation>
    </message>
    <message>
        <source>Sent in a letter</source>
        <translation>Dikirim dengan surat</translation>
    </message>
    <message>
        <source>Accepted by the Dinas</source>
        <translation>Diterima Dinas</translation>
    </message>
    <message>
        <source>Rejected by the Dinas</source>
        <translation>Ditolak Dinas</translation>
    </message>
</context>
</TS>
