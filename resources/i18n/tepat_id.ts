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
    <name>ApproveTopDialog</name>
    <message>
        <source>%1 of the %2 asked for will be approved; %3 eligible proposal(s) stay out. The reason is beside each.</source>
        <translation>%1 dari %2 yang diminta akan disetujui; %3 usulan layak tidak masuk. Alasannya tertulis di setiap baris.</translation>
    </message>
    <message>
        <source>Approve the top N within quota: %1</source>
        <translation>Setujui N teratas dalam kuota: %1</translation>
    </message>
    <message>
        <source>How many</source>
        <translation>Jumlah</translation>
    </message>
    <message>
        <source>Only in kelurahan</source>
        <translation>Hanya di kelurahan</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>(semua)</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Peringkat</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Skor</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>In or out, and why</source>
        <translation>Masuk atau tidak, dan alasannya</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Setujui</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Send to the field</source>
        <translation>Kirim ke lapangan</translation>
    </message>
    <message>
        <source>Field officer</source>
        <translation>Petugas lapangan</translation>
    </message>
    <message>
        <source>The %1 selected proposal(s)</source>
        <translation>%1 usulan yang dipilih</translation>
    </message>
    <message>
        <source>Every submitted proposal of the period in:</source>
        <translation>Semua usulan berstatus diajukan pada periode ini di:</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>RW (optional)</source>
        <translation>RW (boleh kosong)</translation>
    </message>
    <message>
        <source>RT (optional)</source>
        <translation>RT (boleh kosong)</translation>
    </message>
</context>
<context>
    <name>AuditViewer</name>
    <message>
        <source>Signed in</source>
        <translation>Masuk</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Gagal masuk</translation>
    </message>
    <message>
        <source>Account locked</source>
        <translation>Akun dikunci</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Kata sandi diganti</translation>
    </message>
    <message>
        <source>Password reset</source>
        <translation>Kata sandi diatur ulang</translation>
    </message>
    <message>
        <source>Password hash renewed</source>
        <translation>Sandi-acak kata sandi diperbarui</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Dibuat</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Diubah</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Dihapus</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Dinonaktifkan</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Diaktifkan</translation>
    </message>
    <message>
        <source>Viewed</source>
        <translation>Dilihat</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>Diekspor</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Dicetak</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Cadangan dibuat</translation>
    </message>
    <message>
        <source>Time</source>
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
        <translation>Jenis data</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <source>Old value</source>
        <translation>Nilai lama</translation>
    </message>
    <message>
        <source>New value</source>
        <translation>Nilai baru</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>(semua)</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Ekspor catatan audit</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Berkas CSV (*.csv)</translation>
    </message>
    <message>
        <source>No entries match.</source>
        <translation>Tidak ada entri yang cocok.</translation>
    </message>
    <message>
        <source>Entries {first}–{last} of {total}, newest first</source>
        <translation>Entri {first}–{last} dari {total}, terbaru di atas</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Dari:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;Sampai:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Pengguna:</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>&amp;Tindakan:</translation>
    </message>
    <message>
        <source>&amp;Record:</source>
        <translation>&amp;Jenis data:</translation>
    </message>
    <message>
        <source>I&amp;D:</source>
        <translation>I&amp;D:</translation>
    </message>
    <message>
        <source>&amp;Contains:</source>
        <translation>&amp;Memuat:</translation>
    </message>
    <message>
        <source>text in the old or new value or the remark</source>
        <translation>teks pada nilai lama, nilai baru atau keterangan</translation>
    </message>
    <message>
        <source>&amp;Show</source>
        <translation>&amp;Tampilkan</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>E&amp;kspor CSV…</translation>
    </message>
    <message>
        <source>◀ &amp;Newer</source>
        <translation>◀ Lebih &amp;baru</translation>
    </message>
    <message>
        <source>&amp;Older ▶</source>
        <translation>Lebih &amp;lama ▶</translation>
    </message>
</context>
<context>
    <name>Auth</name>
    <message>
        <source>Users</source>
        <translation>Pengguna</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Catatan audit</translation>
    </message>
    <message>
        <source>Audit log exported</source>
        <translation>Catatan audit diekspor</translation>
    </message>
    <message>
        <source>{count} entries written to {path}.</source>
        <translation>{count} entri ditulis ke {path}.</translation>
    </message>
    <message>
        <source>Exporting the audit log…</source>
        <translation>Mengekspor catatan audit…</translation>
    </message>
    <message>
        <source>Change &amp;password…</source>
        <translation>Ganti &amp;kata sandi…</translation>
    </message>
    <message>
        <source>Sign &amp;out</source>
        <translation>&amp;Ganti pengguna</translation>
    </message>
    <message>
        <source>Close your session so that someone else can sign in</source>
        <translation>Keluar dari akun Anda agar orang lain dapat masuk</translation>
    </message>
    <message>
        <source>&amp;Users…</source>
        <translation>&amp;Pengguna…</translation>
    </message>
    <message>
        <source>Add users, give them roles and an area of work, disable them or reset a password</source>
        <translation>Tambah pengguna, beri peran dan wilayah kerja, nonaktifkan, atau atur ulang kata sandi</translation>
    </message>
    <message>
        <source>Audit &amp;log…</source>
        <translation>&amp;Catatan audit…</translation>
    </message>
    <message>
        <source>Who signed in, changed, exported or printed what</source>
        <translation>Siapa masuk, mengubah, mengekspor atau mencetak apa</translation>
    </message>
    <message>
        <source>&amp;Back up database…</source>
        <translation>&amp;Cadangkan basis data…</translation>
    </message>
    <message>
        <source>Write a consistent copy of the whole database</source>
        <translation>Tulis salinan utuh seluruh basis data</translation>
    </message>
    <message>
        <source>Demo mode</source>
        <translation>Mode demo</translation>
    </message>
    <message>
        <source>DEMO MODE: this database has no users yet, so whoever opens Tepat acts as the administrator. Create the administrator before entering real data.</source>
        <translation>MODE DEMO: basis data ini belum punya pengguna, jadi siapa pun yang membuka Tepat bertindak sebagai administrator. Buat administrator sebelum memasukkan data sungguhan.</translation>
    </message>
    <message>
        <source>Create &amp;administrator…</source>
        <translation>Buat &amp;administrator…</translation>
    </message>
    <message>
        <source>Password changed</source>
        <translation>Kata sandi diganti</translation>
    </message>
    <message>
        <source>Your password has been changed.</source>
        <translation>Kata sandi Anda sudah diganti.</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>Cadangkan basis data</translation>
    </message>
    <message>
        <source>Backups (*.sqlite3 *.dump);;All files (*)</source>
        <translation>Cadangan (*.sqlite3 *.dump);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Cadangan dibuat</translation>
    </message>
    <message>
        <source>The database was copied to {path}.</source>
        <translation>Basis data sudah disalin ke {path}.</translation>
    </message>
    <message>
        <source>Backing up the database…</source>
        <translation>Mencadangkan basis data…</translation>
    </message>
    <message>
        <source>Demo mode ends</source>
        <translation>Mode demo berakhir</translation>
    </message>
    <message>
        <source>This database has users now, so everyone signs in from here on. Sign in with the administrator you have just created.</source>
        <translation>Basis data ini sekarang punya pengguna, jadi mulai sekarang setiap orang masuk dengan akunnya. Masuklah dengan administrator yang baru Anda buat.</translation>
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
    <name>BasemapDialog</name>
    <message>
        <source>Basemap file</source>
        <translation>Berkas peta dasar</translation>
    </message>
    <message>
        <source>MBTiles files (*.mbtiles);;All files (*)</source>
        <translation>Berkas MBTiles (*.mbtiles);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Tile folder</source>
        <translation>Folder ubin</translation>
    </message>
    <message>
        <source>Basemap</source>
        <translation>Peta dasar</translation>
    </message>
    <message>
        <source>A basemap is optional: the map works with boundaries alone. Choose an MBTiles file or a folder of z/x/y tiles (works offline), or type an XYZ address such as https://…/{z}/{x}/{y}.png when the office has internet (tiles are kept for offline use). Leave empty for none.</source>
        <translation>Peta dasar tidak wajib: peta tetap berfungsi dengan batas wilayah saja. Pilih berkas MBTiles atau folder ubin z/x/y (berfungsi tanpa internet), atau ketik alamat XYZ seperti https://…/{z}/{x}/{y}.png bila kantor terhubung ke internet (ubin disimpan untuk dipakai tanpa internet). Kosongkan bila tidak memakai peta dasar.</translation>
    </message>
    <message>
        <source>File, folder or https://…/{z}/{x}/{y}.png</source>
        <translation>Berkas, folder atau https://…/{z}/{x}/{y}.png</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Berkas…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Folder…</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Tanpa peta dasar</translation>
    </message>
</context>
<context>
    <name>BoundaryImportDialog</name>
    <message>
        <source>Choose the attribute holding the region code or the region name.</source>
        <translation>Pilih atribut yang berisi kode wilayah atau nama wilayah.</translation>
    </message>
    <message>
        <source>Left out: {reason}</source>
        <translation>Dilewati: {reason}</translation>
    </message>
    <message>
        <source>Will be repaired: {reason}</source>
        <translation>Akan diperbaiki: {reason}</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Siap</translation>
    </message>
    <message>
        <source>{kel} kelurahan and {kec} kecamatan will be stored; {out} features are left out. Kecamatan missing from the file are formed by joining their kelurahan.</source>
        <translation>{kel} kelurahan dan {kec} kecamatan akan disimpan; {out} fitur dilewati. Kecamatan yang tidak ada di berkas dibentuk dengan menggabungkan kelurahannya.</translation>
    </message>
    <message>
        <source>Import boundaries: {name}</source>
        <translation>Impor batas wilayah: {name}</translation>
    </message>
    <message>
        <source>{name}: {n} features, coordinate system {crs} (converted to longitude/latitude).</source>
        <translation>{name}: {n} fitur, sistem koordinat {crs} (diubah ke bujur/lintang).</translation>
    </message>
    <message>
        <source>Region code attribute</source>
        <translation>Atribut kode wilayah</translation>
    </message>
    <message>
        <source>Or region name attribute</source>
        <translation>Atau atribut nama wilayah</translation>
    </message>
    <message>
        <source>Kecamatan name attribute</source>
        <translation>Atribut nama kecamatan</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(tidak ada)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>In the file</source>
        <translation>Di berkas</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Kode</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Hasil</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
</context>
<context>
    <name>CertificateDialog</name>
    <message>
        <source>Create an office certificate</source>
        <translation>Buat sertifikat kantor</translation>
    </message>
    <message>
        <source>This certificate is made by Tepat and signed by itself, not issued by BSrE. Letters signed with it say so. Keep the file and its passphrase safe: Tepat stores neither the passphrase nor the file.</source>
        <translation>Sertifikat ini dibuat oleh Tepat dan ditandatangani sendiri, bukan diterbitkan BSrE. Surat yang ditandatangani dengannya menyebutkan hal itu. Simpan berkas dan kata sandinya baik-baik: Tepat tidak menyimpan kata sandi maupun berkasnya.</translation>
    </message>
    <message>
        <source>Holder&apos;s name</source>
        <translation>Nama pemegang</translation>
    </message>
    <message>
        <source>NIP</source>
        <translation>NIP</translation>
    </message>
    <message>
        <source>Valid for (days)</source>
        <translation>Masa berlaku (hari)</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>Ulangi kata sandi</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <source>Type your current password.</source>
        <translation>Ketik kata sandi Anda yang sekarang.</translation>
    </message>
    <message>
        <source>The two new passwords are not the same; type them again.</source>
        <translation>Kedua kata sandi baru tidak sama; ketik ulang.</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Ganti kata sandi</translation>
    </message>
    <message>
        <source>An administrator has reset the password of {name}. Choose a new password that only you know before you continue.</source>
        <translation>Administrator telah mengatur ulang kata sandi {name}. Pilih kata sandi baru yang hanya Anda ketahui sebelum melanjutkan.</translation>
    </message>
    <message>
        <source>Choose a new password for {name}.</source>
        <translation>Pilih kata sandi baru untuk {name}.</translation>
    </message>
    <message>
        <source>C&amp;urrent password:</source>
        <translation>Kata sandi &amp;sekarang:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>Kata sandi &amp;baru:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>&amp;Ulangi kata sandi baru:</translation>
    </message>
    <message>
        <source>&amp;Change password</source>
        <translation>&amp;Ganti kata sandi</translation>
    </message>
</context>
<context>
    <name>ChecklistDialog</name>
    <message>
        <source>Field checklists</source>
        <translation>Daftar periksa lapangan</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Usulan</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Kertas</translation>
    </message>
    <message>
        <source>Every period</source>
        <translation>Semua periode</translation>
    </message>
    <message>
        <source>submitted (not yet assigned)</source>
        <translation>diajukan (belum ditugaskan)</translation>
    </message>
    <message>
        <source>sent for field verification</source>
        <translation>dikirim untuk verifikasi lapangan</translation>
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
    <name>ExportDialog</name>
    <message>
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>Ekspor:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Area:</source>
        <translation>Wilayah:</translation>
    </message>
    <message>
        <source>Desil at most:</source>
        <translation>Desil paling tinggi:</translation>
    </message>
    <message>
        <source>Proposal status:</source>
        <translation>Status usulan:</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>Kolom:</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Berkas:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>any</source>
        <translation>semua</translation>
    </message>
    <message>
        <source>Only the ticked columns leave Tepat, and the export is recorded in the audit trail.</source>
        <translation>Hanya kolom yang dicentang yang keluar dari Tepat, dan ekspor ini dicatat di jejak audit.</translation>
    </message>
    <message>
        <source>Only the {count} families selected on the map, with their members and proposals (the area and desil below narrow it further).</source>
        <translation>Hanya {count} keluarga yang dipilih di peta, beserta anggota dan usulannya (wilayah dan desil di bawah mempersempitnya lagi).</translation>
    </message>
    <message>
        <source>Families</source>
        <translation>Keluarga</translation>
    </message>
    <message>
        <source>Family members</source>
        <translation>Anggota keluarga</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Usulan</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Buku kerja Excel (.xlsx)</translation>
    </message>
    <message>
        <source>CSV (.csv)</source>
        <translation>CSV (.csv)</translation>
    </message>
    <message>
        <source>GeoJSON (.geojson)</source>
        <translation>GeoJSON (.geojson)</translation>
    </message>
    <message>
        <source>KML (.kml)</source>
        <translation>KML (.kml)</translation>
    </message>
    <message>
        <source>GeoPackage (.gpkg)</source>
        <translation>GeoPackage (.gpkg)</translation>
    </message>
    <message>
        <source>Whole register</source>
        <translation>Seluruh register</translation>
    </message>
    <message>
        <source>Kecamatan {name}</source>
        <translation>Kecamatan {name}</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>Semua status</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>Ekspor ke</translation>
    </message>
</context>
<context>
    <name>FieldForm</name>
    <message>
        <source>Identity</source>
        <translation>Identitas</translation>
    </message>
    <message>
        <source>Exclusions</source>
        <translation>Pengecualian</translation>
    </message>
    <message>
        <source>Land</source>
        <translation>Lahan</translation>
    </message>
    <message>
        <source>Roof</source>
        <translation>Atap</translation>
    </message>
    <message>
        <source>Walls</source>
        <translation>Dinding</translation>
    </message>
    <message>
        <source>Floor</source>
        <translation>Lantai</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Struktur</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Ruang</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Kesehatan</translation>
    </message>
    <message>
        <source>Power source</source>
        <translation>Sumber listrik</translation>
    </message>
    <message>
        <source>NIK and KK seen and matching</source>
        <translation>NIK dan KK dilihat dan cocok</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>Listrik</translation>
    </message>
    <message>
        <source>Household size</source>
        <translation>Jumlah anggota keluarga</translation>
    </message>
    <message>
        <source>Elderly members</source>
        <translation>Anggota lansia</translation>
    </message>
    <message>
        <source>Members with a disability</source>
        <translation>Anggota penyandang disabilitas</translation>
    </message>
    <message>
        <source>Chronically ill members</source>
        <translation>Anggota sakit kronis</translation>
    </message>
    <message>
        <source>Pregnant members</source>
        <translation>Anggota hamil</translation>
    </message>
    <message>
        <source>Children</source>
        <translation>Anak</translation>
    </message>
    <message>
        <source>ASN/TNI/Polri in the family</source>
        <translation>Ada anggota ASN/TNI/Polri</translation>
    </message>
    <message>
        <source>Already has JKN</source>
        <translation>Sudah memiliki JKN</translation>
    </message>
    <message>
        <source>Received housing aid before</source>
        <translation>Pernah menerima bantuan rumah</translation>
    </message>
    <message>
        <source>Owns another house</source>
        <translation>Memiliki rumah lain</translation>
    </message>
    <message>
        <source>Land status</source>
        <translation>Status lahan</translation>
    </message>
    <message>
        <source>Land document</source>
        <translation>Dokumen lahan</translation>
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
        <translation>Ada pondasi dan sloof</translation>
    </message>
    <message>
        <source>Risk of collapse</source>
        <translation>Rawan roboh</translation>
    </message>
    <message>
        <source>Flood or landslide site</source>
        <translation>Lokasi rawan banjir/longsor</translation>
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
        <translation>Jumlah kamar tidur</translation>
    </message>
    <message>
        <source>Openings ≥ 5% of the floor area</source>
        <translation>Bukaan/ventilasi ≥ 5% luas lantai</translation>
    </message>
    <message>
        <source>Daylight ≥ 10% of the floor area</source>
        <translation>Cahaya alami ≥ 10% luas lantai</translation>
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
        <source>Drinking-water source</source>
        <translation>Sumber air minum</translation>
    </message>
    <message>
        <source>Water source to septic tank (m)</source>
        <translation>Jarak sumber air ke tangki septik (m)</translation>
    </message>
    <message>
        <source>Power (VA)</source>
        <translation>Daya (VA)</translation>
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
    <name>FieldFormDialog</name>
    <message>
        <source>Photos (*.jpg *.jpeg *.png)</source>
        <translation>Foto (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Field verification result</source>
        <translation>Hasil verifikasi lapangan</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Bukti</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Petugas</translation>
    </message>
    <message>
        <source>Visit date</source>
        <translation>Tanggal kunjungan</translation>
    </message>
    <message>
        <source>GPS at the door: longitude</source>
        <translation>GPS di pintu: bujur</translation>
    </message>
    <message>
        <source>GPS at the door: latitude</source>
        <translation>GPS di pintu: lintang</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Kesimpulan</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Layak</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>Tidak layak</translation>
    </message>
    <message>
        <source>Reason for the conclusion</source>
        <translation>Alasan kesimpulan</translation>
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
    <name>Findings</name>
    <message>
        <source>Blocker</source>
        <translation>Penghalang</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informasi</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>No. KK</source>
        <translation>No. KK</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <source>Birth place</source>
        <translation>Tempat lahir</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Also recorded in</source>
        <translation>Juga tercatat di</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
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
        <source>Sources</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <source>Occupation</source>
        <translation>Pekerjaan</translation>
    </message>
    <message>
        <source>List file</source>
        <translation>Berkas daftar</translation>
    </message>
    <message>
        <source>List date</source>
        <translation>Tanggal daftar</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segmen</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Tahun</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>List rows</source>
        <translation>Baris daftar</translation>
    </message>
    <message>
        <source>Matched by</source>
        <translation>Dicocokkan dengan</translation>
    </message>
    <message>
        <source>Desil</source>
        <translation>Desil</translation>
    </message>
    <message>
        <source>Program&apos;s highest desil</source>
        <translation>Desil tertinggi program</translation>
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
        <source>Recorded kelurahan</source>
        <translation>Kelurahan tercatat</translation>
    </message>
    <message>
        <source>Kelurahan of the point</source>
        <translation>Kelurahan titik lokasi</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>Luas lantai (m²)</translation>
    </message>
    <message>
        <source>Occupants</source>
        <translation>Penghuni</translation>
    </message>
    <message>
        <source>m² per person</source>
        <translation>m² per orang</translation>
    </message>
    <message>
        <source>Minimum m² per person</source>
        <translation>Minimum m² per orang</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Belum ada</translation>
    </message>
    <message>
        <source>Distance (m)</source>
        <translation>Jarak (m)</translation>
    </message>
    <message>
        <source>Allowed (m)</source>
        <translation>Batas (m)</translation>
    </message>
    <message>
        <source>Other proposal</source>
        <translation>Usulan lain</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Date of death</source>
        <translation>Tanggal meninggal</translation>
    </message>
    <message>
        <source>Land status</source>
        <translation>Status lahan</translation>
    </message>
    <message>
        <source>occupation</source>
        <translation>pekerjaan</translation>
    </message>
    <message>
        <source>marked in the member data</source>
        <translation>ditandai di data anggota</translation>
    </message>
    <message>
        <source>reference list</source>
        <translation>daftar rujukan</translation>
    </message>
    <message>
        <source>member data</source>
        <translation>data anggota</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <source>no</source>
        <translation>tidak</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>Select a proposal to see what the desk checks found.</source>
        <translation>Pilih usulan untuk melihat hasil pemeriksaan meja.</translation>
    </message>
    <message>
        <source>No findings: nothing stands in the way of this proposal.</source>
        <translation>Tidak ada temuan: tidak ada yang menghalangi usulan ini.</translation>
    </message>
    <message>
        <source>%1 blocker(s), %2 warning(s) not yet reviewed</source>
        <translation>%1 penghalang, %2 peringatan belum ditinjau</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Priority score: %1</source>
        <translation>Skor prioritas: %1</translation>
    </message>
    <message>
        <source>Overridden: %1 (by %2)</source>
        <translation>Dikesampingkan: %1 (oleh %2)</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>Bukti</translation>
    </message>
    <message>
        <source>A blocker cannot be overridden: correct the data or refuse the proposal.</source>
        <translation>Penghalang tidak dapat dikesampingkan: perbaiki datanya atau tolak usulannya.</translation>
    </message>
    <message>
        <source>Only a reviewer or the Camat may override a warning.</source>
        <translation>Hanya peninjau atau Camat yang dapat mengesampingkan peringatan.</translation>
    </message>
    <message>
        <source>Override warning</source>
        <translation>Kesampingkan peringatan</translation>
    </message>
    <message>
        <source>Why may this warning be set aside? The reason is kept in the audit trail.

%1</source>
        <translation>Mengapa peringatan ini boleh dikesampingkan? Alasannya disimpan di catatan audit.

%1</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Tingkat</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Temuan</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>Bagian</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Dihitung</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Poin</translation>
    </message>
    <message>
        <source>Override warning…</source>
        <translation>Kesampingkan peringatan…</translation>
    </message>
    <message>
        <source>Open household</source>
        <translation>Buka keluarga</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>Choose a user name for the administrator.</source>
        <translation>Pilih nama pengguna untuk administrator.</translation>
    </message>
    <message>
        <source>The two passwords are not the same; type them again.</source>
        <translation>Kedua kata sandi tidak sama; ketik ulang.</translation>
    </message>
    <message>
        <source>Welcome to Tepat</source>
        <translation>Selamat datang di Tepat</translation>
    </message>
    <message>
        <source>This database has no users yet. Create the administrator: the person who adds the other users and gives them their roles. The administrator gets every role to begin with; they can be narrowed later.</source>
        <translation>Basis data ini belum punya pengguna. Buat administrator: orang yang menambahkan pengguna lain dan memberi mereka peran. Pada awalnya administrator mendapat semua peran; nanti dapat dikurangi.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Nama pengguna:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>Nama &amp;lengkap:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Ulangi kata sandi:</translation>
    </message>
    <message>
        <source>User names use lower-case letters, digits, dots or dashes (for example siti.aminah). Passwords need at least 8 characters and must not be easy to guess.</source>
        <translation>Nama pengguna memakai huruf kecil, angka, titik atau tanda hubung (misalnya siti.aminah). Kata sandi paling sedikit 8 karakter dan tidak boleh mudah ditebak.</translation>
    </message>
    <message>
        <source>&amp;Create administrator</source>
        <translation>&amp;Buat administrator</translation>
    </message>
    <message>
        <source>Try the &amp;demo mode</source>
        <translation>Coba &amp;mode demo</translation>
    </message>
    <message>
        <source>Work without signing in as the built-in demo administrator. Only possible while the database has no users; the window says so in red.</source>
        <translation>Bekerja tanpa masuk, sebagai administrator demo bawaan. Hanya bisa selama basis data belum punya pengguna; jendela menandainya dengan warna merah.</translation>
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
    <name>HouseholdProfile</name>
    <message>
        <source>{file} cannot be read: {reason}</source>
        <translation>{file} tidak dapat dibaca: {reason}</translation>
    </message>
    <message>
        <source>Add photo or document</source>
        <translation>Tambah foto atau dokumen</translation>
    </message>
    <message>
        <source>Photos and PDF (*.jpg *.jpeg *.png *.webp *.pdf)</source>
        <translation>Foto dan PDF (*.jpg *.jpeg *.png *.webp *.pdf)</translation>
    </message>
    <message>
        <source>Profile: KK {no_kk}</source>
        <translation>Profil: KK {no_kk}</translation>
    </message>
    <message>
        <source>KK {no_kk} · {head}</source>
        <translation>KK {no_kk} · {head}</translation>
    </message>
    <message>
        <source>no head recorded</source>
        <translation>kepala keluarga belum tercatat</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>tidak diketahui</translation>
    </message>
    <message>
        <source>{address}, RT {rt}/RW {rw}, Kel. {kelurahan}, Kec. {kecamatan} · Desil {desil} · Income: {income}</source>
        <translation>{address}, RT {rt}/RW {rw}, Kel. {kelurahan}, Kec. {kecamatan} · Desil {desil} · Penghasilan: {income}</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Ubah</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lokasi</translation>
    </message>
    <message>
        <source>No location recorded.</source>
        <translation>Lokasi belum tercatat.</translation>
    </message>
    <message>
        <source>Longitude {lon}, latitude {lat}.</source>
        <translation>Bujur {lon}, lintang {lat}.</translation>
    </message>
    <message>
        <source>The point is in Kel. {name}.</source>
        <translation>Titik berada di Kel. {name}.</translation>
    </message>
    <message>
        <source>Members ({living} living)</source>
        <translation>Anggota keluarga ({living} masih hidup)</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Umur</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>deceased</source>
        <translation>meninggal</translation>
    </message>
    <message>
        <source>disability: {kind}</source>
        <translation>disabilitas: {kind}</translation>
    </message>
    <message>
        <source>chronically ill</source>
        <translation>sakit kronis</translation>
    </message>
    <message>
        <source>pregnant</source>
        <translation>hamil</translation>
    </message>
    <message>
        <source>JKN: {status}</source>
        <translation>JKN: {status}</translation>
    </message>
    <message>
        <source>House condition</source>
        <translation>Kondisi rumah</translation>
    </message>
    <message>
        <source>Not recorded yet.</source>
        <translation>Belum tercatat.</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Usulan</translation>
    </message>
    <message>
        <source>No proposals for this family.</source>
        <translation>Belum ada usulan untuk keluarga ini.</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Anggota</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Photos and documents ({count})</source>
        <translation>Foto dan dokumen ({count})</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Tambah…</translation>
    </message>
    <message>
        <source>JPEG, PNG or PDF up to {size} MB</source>
        <translation>JPEG, PNG, atau PDF paling besar {size} MB</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Buka</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Hapus</translation>
    </message>
</context>
<context>
    <name>HouseholdRowsModel</name>
    <message>
        <source>No. KK</source>
        <translation>No. KK</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Kepala keluarga</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <source>Desil</source>
        <translation>Desil</translation>
    </message>
    <message>
        <source>Latest proposal</source>
        <translation>Usulan terakhir</translation>
    </message>
    <message>
        <source>No proposal</source>
        <translation>Tanpa usulan</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Family card number (No. KK)</source>
        <translation>Nomor Kartu Keluarga (No. KK)</translation>
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
        <source>Place of birth</source>
        <translation>Tempat lahir</translation>
    </message>
    <message>
        <source>Date of birth</source>
        <translation>Tanggal lahir</translation>
    </message>
    <message>
        <source>Relationship to the head</source>
        <translation>Hubungan dengan kepala keluarga</translation>
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
        <source>RT/RW in one column</source>
        <translation>RT/RW dalam satu kolom</translation>
    </message>
    <message>
        <source>Kelurahan code</source>
        <translation>Kode kelurahan</translation>
    </message>
    <message>
        <source>Kelurahan (name)</source>
        <translation>Kelurahan (nama)</translation>
    </message>
    <message>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <source>Desil</source>
        <translation>Desil</translation>
    </message>
    <message>
        <source>Latitude</source>
        <translation>Lintang</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>Bujur</translation>
    </message>
    <message>
        <source>Coordinates in one column</source>
        <translation>Koordinat dalam satu kolom</translation>
    </message>
    <message>
        <source>JKN segment</source>
        <translation>Segmen JKN</translation>
    </message>
    <message>
        <source>ASN, TNI or Polri</source>
        <translation>ASN, TNI atau Polri</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segmen</translation>
    </message>
    <message>
        <source>Agency</source>
        <translation>Instansi</translation>
    </message>
    <message>
        <source>Remark</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Tahun</translation>
    </message>
    <message>
        <source>Source of the aid</source>
        <translation>Sumber bantuan</translation>
    </message>
    <message>
        <source>Import households and members</source>
        <translation>Impor keluarga dan anggota</translation>
    </message>
    <message>
        <source>Import the JKN/PBI coverage list</source>
        <translation>Impor daftar kepesertaan JKN/PBI</translation>
    </message>
    <message>
        <source>Import earlier housing-aid recipients</source>
        <translation>Impor penerima bantuan rumah terdahulu</translation>
    </message>
    <message>
        <source>Import the ASN/TNI/Polri list</source>
        <translation>Impor daftar ASN/TNI/Polri</translation>
    </message>
    <message>
        <source>Something went wrong that Tepat did not expect: {error}</source>
        <translation>Terjadi galat yang tidak diduga Tepat: {error}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Membatalkan…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Berkas</translation>
    </message>
    <message>
        <source>Choose the spreadsheet to import: .xlsx, .xls, .ods or .csv.</source>
        <translation>Pilih spreadsheet yang akan diimpor: .xlsx, .xls, .ods atau .csv.</translation>
    </message>
    <message>
        <source>The file is only read here; nothing is written to the register until the last step.</source>
        <translation>Di sini berkas hanya dibaca; tidak ada yang ditulis ke register sampai langkah terakhir.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Telusuri…</translation>
    </message>
    <message>
        <source>Choose a spreadsheet</source>
        <translation>Pilih spreadsheet</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;All files (*)</source>
        <translation>Spreadsheet (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>{file}: {count} sheet(s); sheet &apos;{sheet}&apos; has {rows} rows.</source>
        <translation>{file}: {count} lembar; lembar &apos;{sheet}&apos; berisi {rows} baris.</translation>
    </message>
    <message>
        <source>Reading {file}…</source>
        <translation>Membaca {file}…</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Dibatalkan.</translation>
    </message>
    <message>
        <source>Sheet and header</source>
        <translation>Lembar dan baris judul</translation>
    </message>
    <message>
        <source>Check that the highlighted row holds the column names.</source>
        <translation>Periksa bahwa baris yang disorot berisi nama-nama kolom.</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>Lembar:</translation>
    </message>
    <message>
        <source>Header row:</source>
        <translation>Baris judul:</translation>
    </message>
    <message>
        <source>Header spans two rows</source>
        <translation>Judul dua baris</translation>
    </message>
    <message>
        <source>Reading sheet &apos;{sheet}&apos;…</source>
        <translation>Membaca lembar &apos;{sheet}&apos;…</translation>
    </message>
    <message>
        <source>Header: row {row}</source>
        <translation>Judul: baris {row}</translation>
    </message>
    <message>
        <source>Header: rows {row} and {next}</source>
        <translation>Judul: baris {row} dan {next}</translation>
    </message>
    <message>
        <source>; the numbering row under it is skipped</source>
        <translation>; baris penomoran di bawahnya dilewati</translation>
    </message>
    <message>
        <source>. {count} known column(s) recognised.</source>
        <translation>. {count} kolom dikenali.</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <source>Tepat suggested which column holds what. Correct it where needed; you can save the mapping for next month&apos;s file.</source>
        <translation>Tepat menyarankan kolom mana berisi apa. Perbaiki bila perlu; pemetaan dapat disimpan untuk berkas bulan depan.</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Kolom di berkas</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>Nilai pertama</translation>
    </message>
    <message>
        <source>Numeric relationship codes:</source>
        <translation>Kode angka hubungan keluarga:</translation>
    </message>
    <message>
        <source>Text only (1 = head)</source>
        <translation>Hanya teks (1 = kepala)</translation>
    </message>
    <message>
        <source>Dukcapil KK (3 = wife, 4 = child)</source>
        <translation>KK Dukcapil (3 = istri, 4 = anak)</translation>
    </message>
    <message>
        <source>BPS/DTKS (2 = spouse, 3 = child)</source>
        <translation>BPS/DTKS (2 = istri/suami, 3 = anak)</translation>
    </message>
    <message>
        <source>Load mapping…</source>
        <translation>Muat pemetaan…</translation>
    </message>
    <message>
        <source>Save mapping…</source>
        <translation>Simpan pemetaan…</translation>
    </message>
    <message>
        <source>Suggest again</source>
        <translation>Sarankan ulang</translation>
    </message>
    <message>
        <source>(not used)</source>
        <translation>(tidak dipakai)</translation>
    </message>
    <message>
        <source>Choose the column for: {fields}.</source>
        <translation>Pilih kolom untuk: {fields}.</translation>
    </message>
    <message>
        <source>Choose the column holding the NIK or the No. KK.</source>
        <translation>Pilih kolom yang berisi NIK atau No. KK.</translation>
    </message>
    <message>
        <source>A column is chosen for two fields.</source>
        <translation>Satu kolom dipilih untuk dua data.</translation>
    </message>
    <message>
        <source>Load a column mapping</source>
        <translation>Muat pemetaan kolom</translation>
    </message>
    <message>
        <source>Column mappings (*.json)</source>
        <translation>Pemetaan kolom (*.json)</translation>
    </message>
    <message>
        <source>Save the column mapping</source>
        <translation>Simpan pemetaan kolom</translation>
    </message>
    <message>
        <source>The mapping could not be saved: {error}</source>
        <translation>Pemetaan tidak dapat disimpan: {error}</translation>
    </message>
    <message>
        <source>new</source>
        <translation>baru</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>diubah</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>tetap</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>ditolak</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>ganda</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Pratinjau</translation>
    </message>
    <message>
        <source>The first rows as they will be stored. Nothing has been written yet.</source>
        <translation>Baris-baris pertama sebagaimana akan disimpan. Belum ada yang ditulis.</translation>
    </message>
    <message>
        <source>Checking was cancelled. Go back to change something, or come to this page again to check anew.</source>
        <translation>Pemeriksaan dibatalkan. Kembali untuk mengubah sesuatu, atau buka halaman ini lagi untuk memeriksa ulang.</translation>
    </message>
    <message>
        <source>Reading and checking every row…</source>
        <translation>Membaca dan memeriksa setiap baris…</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Baris</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Catatan</translation>
    </message>
    <message>
        <source>{read} rows read: {new} new, {changed} changed, {same} unchanged, {bad} rejected.</source>
        <translation>{read} baris dibaca: {new} baru, {changed} diubah, {same} tetap, {bad} ditolak.</translation>
    </message>
    <message>
        <source>Check report</source>
        <translation>Laporan pemeriksaan</translation>
    </message>
    <message>
        <source>What the import will do, and every row it cannot take.</source>
        <translation>Apa yang akan dilakukan impor, dan setiap baris yang tidak dapat diterima.</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Kolom</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Nilai</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Jenis</translation>
    </message>
    <message>
        <source>All or nothing</source>
        <translation>Semua atau tidak sama sekali</translation>
    </message>
    <message>
        <source>Import the valid rows only</source>
        <translation>Impor baris yang sah saja</translation>
    </message>
    <message>
        <source>Save report…</source>
        <translation>Simpan laporan…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Impor</translation>
    </message>
    <message>
        <source>{read} rows read: {new} new, {changed} changed, {same} unchanged, {bad} rejected, {dup} duplicate rows skipped; {blank} blank rows and {headers} repeated header rows left out.</source>
        <translation>{read} baris dibaca: {new} baru, {changed} diubah, {same} tetap, {bad} ditolak, {dup} baris ganda dilewati; {blank} baris kosong dan {headers} baris judul berulang tidak dihitung.</translation>
    </message>
    <message>
        <source>Families: {new} new, {changed} changed.</source>
        <translation>Keluarga: {new} baru, {changed} diubah.</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Ditolak</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Peringatan</translation>
    </message>
    <message>
        <source>{count} more problems are in the saved report.</source>
        <translation>{count} masalah lain ada di laporan yang disimpan.</translation>
    </message>
    <message>
        <source>Some rows are rejected, so nothing can be imported all-or-nothing: correct the file, or choose to import the valid rows only.</source>
        <translation>Ada baris yang ditolak, jadi tidak ada yang dapat diimpor secara semua-atau-tidak-sama-sekali: perbaiki berkasnya, atau pilih impor baris yang sah saja.</translation>
    </message>
    <message>
        <source>No row can be imported.</source>
        <translation>Tidak ada baris yang dapat diimpor.</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>Simpan laporan</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>Buku kerja (*.xlsx)</translation>
    </message>
    <message>
        <source>Report saved to {path}.</source>
        <translation>Laporan disimpan ke {path}.</translation>
    </message>
    <message>
        <source>Everything is written in one go: a cancel or a failure leaves the register exactly as it was.</source>
        <translation>Semua ditulis sekaligus: pembatalan atau kegagalan membiarkan register persis seperti semula.</translation>
    </message>
    <message>
        <source>The list is the same as the active one; nothing was changed.</source>
        <translation>Daftar ini sama dengan daftar aktif; tidak ada yang diubah.</translation>
    </message>
    <message>
        <source>Imported: {new} new, {changed} changed, {same} unchanged, {bad} rejected.</source>
        <translation>Diimpor: {new} baru, {changed} diubah, {same} tetap, {bad} ditolak.</translation>
    </message>
    <message>
        <source>Desk checks were run again for {n} families with an active proposal.</source>
        <translation>Pemeriksaan meja diulang untuk {n} keluarga yang punya usulan aktif.</translation>
    </message>
    <message>
        <source>The register changed since the check and some rows are now rejected; nothing was written.</source>
        <translation>Register berubah sejak pemeriksaan dan kini ada baris yang ditolak; tidak ada yang ditulis.</translation>
    </message>
    <message>
        <source>Nothing was written.</source>
        <translation>Tidak ada yang ditulis.</translation>
    </message>
    <message>
        <source>Import cancelled; the register was not changed.</source>
        <translation>Impor dibatalkan; register tidak diubah.</translation>
    </message>
    <message>
        <source>Writing to the register…</source>
        <translation>Menulis ke register…</translation>
    </message>
</context>
<context>
    <name>ImportsController</name>
    <message>
        <source>Import households…</source>
        <translation>Impor keluarga…</translation>
    </message>
    <message>
        <source>Import families and members from a DTSEN/DTKS spreadsheet</source>
        <translation>Impor keluarga dan anggota dari spreadsheet DTSEN/DTKS</translation>
    </message>
    <message>
        <source>Import JKN/PBI coverage list…</source>
        <translation>Impor daftar kepesertaan JKN/PBI…</translation>
    </message>
    <message>
        <source>Import ASN/TNI/Polri list…</source>
        <translation>Impor daftar ASN/TNI/Polri…</translation>
    </message>
    <message>
        <source>Import housing-aid recipients…</source>
        <translation>Impor penerima bantuan rumah…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Ekspor…</translation>
    </message>
    <message>
        <source>Export the selection…</source>
        <translation>Ekspor pilihan…</translation>
    </message>
    <message>
        <source>Export families, members or proposals as a spreadsheet or a map layer</source>
        <translation>Ekspor keluarga, anggota atau usulan sebagai spreadsheet atau lapisan peta</translation>
    </message>
    <message>
        <source>{count} rows exported to {file}.</source>
        <translation>{count} baris diekspor ke {file}.</translation>
    </message>
    <message>
        <source>{count} rows have no coordinates and are not on the layer.</source>
        <translation>{count} baris tanpa koordinat tidak masuk lapisan.</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Ekspor</translation>
    </message>
    <message>
        <source>Exporting to {file}…</source>
        <translation>Mengekspor ke {file}…</translation>
    </message>
</context>
<context>
    <name>IntakeDialog</name>
    <message>
        <source>There is no open period to propose in.</source>
        <translation>Tidak ada periode terbuka untuk diusulkan.</translation>
    </message>
    <message>
        <source>Type at least one NIK or No. KK.</source>
        <translation>Ketik paling sedikit satu NIK atau No. KK.</translation>
    </message>
    <message>
        <source>New proposals</source>
        <translation>Usulan baru</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Sumber</translation>
    </message>
    <message>
        <source>NIK or No. KK,
one per line</source>
        <translation>NIK atau No. KK,
satu per baris</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Alasan</translation>
    </message>
</context>
<context>
    <name>IssueLetterDialog</name>
    <message>
        <source>There is no period for this kind of letter yet.</source>
        <translation>Belum ada periode untuk jenis surat ini.</translation>
    </message>
    <message>
        <source>A recap counts the period&apos;s proposals per kelurahan and state; it carries none.</source>
        <translation>Rekapitulasi menghitung usulan periode ini per kelurahan dan status; surat ini tidak memuat usulan.</translation>
    </message>
    <message>
        <source>{count} approved proposals will go in this letter.</source>
        <translation>{count} usulan yang disetujui akan dimuat dalam surat ini.</translation>
    </message>
    <message>
        <source>Signing certificate</source>
        <translation>Sertifikat tanda tangan</translation>
    </message>
    <message>
        <source>PKCS#12 certificates (*.p12 *.pfx);;All files (*)</source>
        <translation>Sertifikat PKCS#12 (*.p12 *.pfx);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Issue a letter</source>
        <translation>Terbitkan surat</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Surat</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Kertas</translation>
    </message>
    <message>
        <source>All kelurahan of the kecamatan</source>
        <translation>Semua kelurahan di kecamatan</translation>
    </message>
    <message>
        <source>Sign electronically (PAdES)</source>
        <translation>Tanda tangani secara elektronik (PAdES)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Pilih…</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Sertifikat</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Kata sandi</translation>
    </message>
    <message>
        <source>asked each time, never stored</source>
        <translation>ditanyakan setiap kali, tidak pernah disimpan</translation>
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
        <source>Automatic: points, or a density grid where households crowd too closely to tell apart</source>
        <translation>Otomatis: titik, atau grid kepadatan bila keluarga terlalu rapat untuk dibedakan</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Titik</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Otomatis</translation>
    </message>
    <message>
        <source>Density grid</source>
        <translation>Grid kepadatan</translation>
    </message>
</context>
<context>
    <name>LetterSettingsDialog</name>
    <message>
        <source>e.g. {number}</source>
        <translation>mis. {number}</translation>
    </message>
    <message>
        <source>Letter numbering and templates</source>
        <translation>Penomoran dan templat surat</translation>
    </message>
    <message>
        <source>Number pattern</source>
        <translation>Pola nomor</translation>
    </message>
    <message>
        <source>Classification code</source>
        <translation>Kode klasifikasi</translation>
    </message>
    <message>
        <source>Unit code</source>
        <translation>Kode unit pengolah</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Kertas</translation>
    </message>
    <message>
        <source>Next numbers look like</source>
        <translation>Contoh nomor berikutnya</translation>
    </message>
    <message>
        <source>Placeholders: {classification}, {seq} (e.g. {seq:03}), {unit}, {month_roman}, {month}, {year}. The sequence restarts every year, so {year} is required.</source>
        <translation>Penanda: {classification}, {seq} (mis. {seq:03}), {unit}, {month_roman}, {month}, {year}. Nomor urut mulai lagi setiap tahun, jadi {year} wajib ada.</translation>
    </message>
    <message>
        <source>Restore Tepat&apos;s wording</source>
        <translation>Kembalikan kata-kata bawaan Tepat</translation>
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
    <name>LettersController</name>
    <message>
        <source>Letter {number} issued: {pages} pages, {count} proposals.</source>
        <translation>Surat {number} terbit: {pages} halaman, {count} usulan.</translation>
    </message>
    <message>
        <source>Signed electronically by {name}.</source>
        <translation>Ditandatangani secara elektronik oleh {name}.</translation>
    </message>
    <message>
        <source>Building and registering the letter…</source>
        <translation>Menyusun dan mencatat surat…</translation>
    </message>
    <message>
        <source>Letter {number} of {date}, as issued.</source>
        <translation>Surat {number} tanggal {date}, persis seperti terbit.</translation>
    </message>
    <message>
        <source>This letter was WITHDRAWN: {reason}</source>
        <translation>Surat ini sudah DITARIK: {reason}</translation>
    </message>
    <message>
        <source>Field checklists for Kelurahan {name}: {count} households, sorted by RW and RT.</source>
        <translation>Daftar periksa lapangan Kelurahan {name}: {count} keluarga, diurutkan menurut RW dan RT.</translation>
    </message>
    <message>
        <source>Building field checklists…</source>
        <translation>Menyusun daftar periksa lapangan…</translation>
    </message>
    <message>
        <source>Field checklists</source>
        <translation>Daftar periksa lapangan</translation>
    </message>
    <message>
        <source>None of the {n} selected households has a proposal waiting for a field visit (submitted or sent for field verification).</source>
        <translation>Tidak satu pun dari {n} keluarga terpilih memiliki usulan yang menunggu kunjungan lapangan (diajukan atau dikirim untuk verifikasi lapangan).</translation>
    </message>
    <message>
        <source>Field checklists for the households selected on the map in Kelurahan {name}: {count} households, sorted by RW and RT.</source>
        <translation>Daftar periksa lapangan untuk keluarga yang dipilih di peta di Kelurahan {name}: {count} keluarga, diurutkan menurut RW dan RT.</translation>
    </message>
    <message>
        <source>Folder for the field checklists of {n} kelurahan</source>
        <translation>Folder untuk daftar periksa lapangan {n} kelurahan</translation>
    </message>
    <message>
        <source>Field checklists for {n} kelurahan saved in {folder}</source>
        <translation>Daftar periksa lapangan untuk {n} kelurahan disimpan di {folder}</translation>
    </message>
    <message>
        <source>Verify a signed letter</source>
        <translation>Periksa surat bertanda tangan elektronik</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dokumen PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Genuine letter</source>
        <translation>Surat asli</translation>
    </message>
    <message>
        <source>Not confirmed genuine</source>
        <translation>Belum dapat dipastikan asli</translation>
    </message>
    <message>
        <source>The signature is intact and the letter matches the registry.</source>
        <translation>Tanda tangan utuh dan surat cocok dengan register surat.</translation>
    </message>
    <message>
        <source>This PDF could not be confirmed as the registered, signed letter.</source>
        <translation>PDF ini tidak dapat dipastikan sebagai surat bertanda tangan yang tercatat di register.</translation>
    </message>
    <message>
        <source>Save the office certificate</source>
        <translation>Simpan sertifikat kantor</translation>
    </message>
    <message>
        <source>PKCS#12 certificates (*.p12)</source>
        <translation>Sertifikat PKCS#12 (*.p12)</translation>
    </message>
    <message>
        <source>Office certificate created</source>
        <translation>Sertifikat kantor dibuat</translation>
    </message>
    <message>
        <source>Certificate for {name} saved to {path}, valid until {date}.</source>
        <translation>Sertifikat untuk {name} disimpan di {path}, berlaku sampai {date}.</translation>
    </message>
    <message>
        <source>Letter &amp;numbering and templates…</source>
        <translation>Pe&amp;nomoran dan templat surat…</translation>
    </message>
    <message>
        <source>&amp;Issue letter…</source>
        <translation>&amp;Terbitkan surat…</translation>
    </message>
    <message>
        <source>Number, build, sign and register a letter from approved proposals</source>
        <translation>Beri nomor, susun, tanda tangani dan catat surat dari usulan yang disetujui</translation>
    </message>
    <message>
        <source>Letter &amp;registry…</source>
        <translation>&amp;Register surat…</translation>
    </message>
    <message>
        <source>Field &amp;checklists…</source>
        <translation>Daftar &amp;periksa lapangan…</translation>
    </message>
    <message>
        <source>Field checklists for the selection…</source>
        <translation>Daftar periksa lapangan untuk pilihan…</translation>
    </message>
    <message>
        <source>Checklists for the proposals of the selected households that wait for a field visit, one document per kelurahan</source>
        <translation>Daftar periksa untuk usulan keluarga terpilih yang menunggu kunjungan lapangan, satu dokumen per kelurahan</translation>
    </message>
    <message>
        <source>&amp;Verify signed letter…</source>
        <translation>Peri&amp;ksa surat bertanda tangan…</translation>
    </message>
    <message>
        <source>Create office &amp;certificate…</source>
        <translation>Buat &amp;sertifikat kantor…</translation>
    </message>
</context>
<context>
    <name>LocationPickerDialog</name>
    <message>
        <source>Pick the location of the house</source>
        <translation>Pilih lokasi rumah</translation>
    </message>
    <message>
        <source>Click the front door of the house on the map. Drag to move the map and use the mouse wheel to zoom; Esc cancels.</source>
        <translation>Klik pintu depan rumah di peta. Seret untuk menggeser peta dan gunakan roda tetikus untuk memperbesar; Esc membatalkan.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Type your user name and password.</source>
        <translation>Ketik nama pengguna dan kata sandi Anda.</translation>
    </message>
    <message>
        <source>Sign in to Tepat</source>
        <translation>Masuk ke Tepat</translation>
    </message>
    <message>
        <source>Sign in with the user name and password your office administrator gave you.</source>
        <translation>Masuk dengan nama pengguna dan kata sandi dari administrator kantor Anda.</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Nama pengguna:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <source>&amp;Sign in</source>
        <translation>&amp;Masuk</translation>
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
    <name>MapController</name>
    <message>
        <source>Map</source>
        <translation>Peta</translation>
    </message>
    <message>
        <source>Checking household locations…</source>
        <translation>Memeriksa lokasi keluarga…</translation>
    </message>
    <message>
        <source>Import region boundaries</source>
        <translation>Impor batas wilayah</translation>
    </message>
    <message>
        <source>Boundary files (*.shp *.zip *.gpkg *.geojson *.json);;All files (*)</source>
        <translation>Berkas batas wilayah (*.shp *.zip *.gpkg *.geojson *.json);;Semua berkas (*)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Membaca {name}…</translation>
    </message>
    <message>
        <source>Choose a layer</source>
        <translation>Pilih lapisan</translation>
    </message>
    <message>
        <source>{name} has several layers. Which holds the boundaries?</source>
        <translation>{name} berisi beberapa lapisan. Lapisan mana yang berisi batas wilayah?</translation>
    </message>
    <message>
        <source>Coordinate system</source>
        <translation>Sistem koordinat</translation>
    </message>
    <message>
        <source>Coordinate system (EPSG code):</source>
        <translation>Sistem koordinat (kode EPSG):</translation>
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
        <source>Shapes repaired: {n}</source>
        <translation>Poligon diperbaiki: {n}</translation>
    </message>
    <message>
        <source>Features left out: {n}</source>
        <translation>Fitur dilewati: {n}</translation>
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
        <source>Export the map view</source>
        <translation>Ekspor tampilan peta</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Gambar PNG (*.png)</translation>
    </message>
    <message>
        <source>Households, Kecamatan {name}</source>
        <translation>Sebaran keluarga, Kecamatan {name}</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>Sebaran keluarga</translation>
    </message>
    <message>
        <source>Coloured by {attribute}</source>
        <translation>Diwarnai menurut {attribute}</translation>
    </message>
    <message>
        <source>Map saved: {path}</source>
        <translation>Peta disimpan: {path}</translation>
    </message>
    <message>
        <source>Import boundaries from Shapefile or GeoPackage…</source>
        <translation>Impor batas wilayah dari Shapefile atau GeoPackage…</translation>
    </message>
    <message>
        <source>Spatial check of household locations</source>
        <translation>Pemeriksaan spasial lokasi keluarga</translation>
    </message>
    <message>
        <source>Basemap…</source>
        <translation>Peta dasar…</translation>
    </message>
    <message>
        <source>Export map view as PNG…</source>
        <translation>Ekspor tampilan peta sebagai PNG…</translation>
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
        <source>Density grid: one square per {n} × {n} pixels</source>
        <translation>Grid kepadatan: satu kotak per {n} × {n} piksel</translation>
    </message>
    <message>
        <source>Stronger colour: more households</source>
        <translation>Warna lebih pekat: lebih banyak keluarga</translation>
    </message>
    <message>
        <source>Colour: the category highest in this list among them</source>
        <translation>Warna: kategori teratas dalam daftar ini di antara keluarga di kotak itu</translation>
    </message>
    <message>
        <source>Picked in the list</source>
        <translation>Dipilih di daftar</translation>
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
        <source>Selection ({n})</source>
        <translation>Pilihan ({n})</translation>
    </message>
    <message>
        <source>Selection</source>
        <translation>Pilihan</translation>
    </message>
    <message>
        <source>{n} households selected</source>
        <translation>{n} keluarga dipilih</translation>
    </message>
    <message>
        <source>No households selected: use Select box or Select lasso</source>
        <translation>Belum ada keluarga dipilih: gunakan Pilih kotak atau Pilih laso</translation>
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
        <source>List selected households…</source>
        <translation>Daftar keluarga terpilih…</translation>
    </message>
    <message>
        <source>Clear selection	Esc</source>
        <translation>Hapus pilihan	Esc</translation>
    </message>
    <message>
        <source>What to do with the households selected on the map (also on a right click on the map)</source>
        <translation>Tindakan untuk keluarga yang dipilih di peta (juga dengan klik kanan di peta)</translation>
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
    <name>MemberTable</name>
    <message>
        <source>Add member</source>
        <translation>Tambah anggota</translation>
    </message>
    <message>
        <source>Remove new row</source>
        <translation>Hapus baris baru</translation>
    </message>
    <message>
        <source>Only a row not saved yet can be removed; people in the register are kept.</source>
        <translation>Hanya baris yang belum disimpan yang dapat dihapus; orang yang sudah ada di register tetap disimpan.</translation>
    </message>
    <message>
        <source>Mark deceased</source>
        <translation>Tandai meninggal</translation>
    </message>
    <message>
        <source>Move to another KK…</source>
        <translation>Pindahkan ke KK lain…</translation>
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
    <name>NewPeriodDialog</name>
    <message>
        <source>(not set)</source>
        <translation>(tidak diisi)</translation>
    </message>
    <message>
        <source>New period</source>
        <translation>Periode baru</translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation>&amp;Program:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nama:</translation>
    </message>
    <message>
        <source>&amp;Opens on:</source>
        <translation>Di&amp;buka tanggal:</translation>
    </message>
    <message>
        <source>&amp;Closes on:</source>
        <translation>Di&amp;tutup tanggal:</translation>
    </message>
    <message>
        <source>&amp;Funding source:</source>
        <translation>&amp;Sumber dana:</translation>
    </message>
    <message>
        <source>e.g. PBI APBD 2025 stage 2</source>
        <translation>mis. PBI APBD 2025 tahap 2</translation>
    </message>
    <message>
        <source>Open period</source>
        <translation>Buka periode</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Batal</translation>
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
    <name>PdfPreview</name>
    <message>
        <source>Save PDF as</source>
        <translation>Simpan PDF sebagai</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Dokumen PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Tidak dapat menyimpan</translation>
    </message>
    <message>
        <source>{path} could not be written: {reason}</source>
        <translation>{path} tidak dapat ditulis: {reason}</translation>
    </message>
    <message>
        <source>Print {name}</source>
        <translation>Cetak {name}</translation>
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
        <source>Fit width</source>
        <translation>Selebar layar</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>Satu halaman penuh</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Cetak…</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Simpan sebagai…</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Halaman</translation>
    </message>
    <message>
        <source> of {count}</source>
        <translation> dari {count}</translation>
    </message>
</context>
<context>
    <name>PeriodsController</name>
    <message>
        <source>Periods and quotas…</source>
        <translation>Periode dan kuota…</translation>
    </message>
    <message>
        <source>Open and close proposal periods and split their quotas</source>
        <translation>Buka dan tutup periode usulan serta bagi kuotanya</translation>
    </message>
</context>
<context>
    <name>PeriodsDialog</name>
    <message>
        <source>Whole area</source>
        <translation>Seluruh wilayah</translation>
    </message>
    <message>
        <source>Only these roles may do this: {roles}.</source>
        <translation>Hanya peran berikut yang berhak: {roles}.</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Terbuka</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <source>Quotas</source>
        <translation>Kuota</translation>
    </message>
    <message>
        <source>Quotas of {period}</source>
        <translation>Kuota {period}</translation>
    </message>
    <message>
        <source>Reopen period</source>
        <translation>Buka kembali periode</translation>
    </message>
    <message>
        <source>Close period</source>
        <translation>Tutup periode</translation>
    </message>
    <message>
        <source>Close {period} of {program}? No new proposals can be made in it until it is reopened; proposals already made go on.</source>
        <translation>Tutup {period} dari {program}? Usulan baru tidak dapat dibuat di periode ini sampai dibuka kembali; usulan yang sudah ada tetap berjalan.</translation>
    </message>
    <message>
        <source>Periods and quotas</source>
        <translation>Periode dan kuota</translation>
    </message>
    <message>
        <source>Periods</source>
        <translation>Periode</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>Opens</source>
        <translation>Dibuka</translation>
    </message>
    <message>
        <source>Closes</source>
        <translation>Ditutup</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Wilayah</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>Terpakai</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>Kuota</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Sisa</translation>
    </message>
    <message>
        <source>New period…</source>
        <translation>Periode baru…</translation>
    </message>
    <message>
        <source>Set a quota</source>
        <translation>Tetapkan kuota</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>&amp;Wilayah:</translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation>&amp;Kuota:</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Alasan:</translation>
    </message>
    <message>
        <source>Optional; kept in the audit log</source>
        <translation>Tidak wajib; disimpan di catatan audit</translation>
    </message>
    <message>
        <source>&amp;Save quota</source>
        <translation>&amp;Simpan kuota</translation>
    </message>
    <message>
        <source>No quota set for this period yet: nothing in it can be approved until one is.</source>
        <translation>Kuota periode ini belum ditetapkan: belum ada usulan yang dapat disetujui sampai kuota ditetapkan.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Tutup</translation>
    </message>
</context>
<context>
    <name>Queue</name>
    <message>
        <source>Accepted by the Dinas</source>
        <translation>Diterima Dinas</translation>
    </message>
    <message>
        <source>Submit</source>
        <translation>Ajukan</translation>
    </message>
    <message>
        <source>Send to the field…</source>
        <translation>Kirim ke lapangan…</translation>
    </message>
    <message>
        <source>Record field result…</source>
        <translation>Catat hasil lapangan…</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Setujui</translation>
    </message>
    <message>
        <source>Reject…</source>
        <translation>Tolak…</translation>
    </message>
    <message>
        <source>Declined by the Dinas…</source>
        <translation>Ditolak Dinas…</translation>
    </message>
    <message>
        <source>Return for revision…</source>
        <translation>Kembalikan untuk perbaikan…</translation>
    </message>
    <message>
        <source>Cancel proposal…</source>
        <translation>Batalkan usulan…</translation>
    </message>
    <message>
        <source>To check</source>
        <translation>Perlu diperiksa</translation>
    </message>
    <message>
        <source>In the field</source>
        <translation>Di lapangan</translation>
    </message>
    <message>
        <source>To approve</source>
        <translation>Perlu disetujui</translation>
    </message>
    <message>
        <source>Ready for a letter</source>
        <translation>Siap dibuat surat</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Dikembalikan</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Selesai</translation>
    </message>
    <message>
        <source>PBI-JK</source>
        <translation>PBI-JK</translation>
    </message>
    <message>
        <source>RTLH</source>
        <translation>RTLH</translation>
    </message>
    <message>
        <source>Kelurahan meeting</source>
        <translation>Musyawarah kelurahan</translation>
    </message>
    <message>
        <source>RT/RW forum</source>
        <translation>Forum RT/RW</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Datang langsung</translation>
    </message>
    <message>
        <source>Dinas list</source>
        <translation>Daftar Dinas</translation>
    </message>
</context>
<context>
    <name>QueueController</name>
    <message>
        <source>Proposals</source>
        <translation>Usulan</translation>
    </message>
    <message>
        <source>Proposals not moved</source>
        <translation>Usulan yang tidak dipindahkan</translation>
    </message>
    <message>
        <source>Visits not assigned</source>
        <translation>Kunjungan yang tidak ditugaskan</translation>
    </message>
    <message>
        <source>New proposals</source>
        <translation>Usulan baru</translation>
    </message>
    <message>
        <source>Select households on the map first (rectangle or lasso).</source>
        <translation>Pilih keluarga di peta dulu (kotak atau laso).</translation>
    </message>
    <message>
        <source>Household location</source>
        <translation>Lokasi keluarga</translation>
    </message>
    <message>
        <source>Proposals not approved</source>
        <translation>Usulan yang tidak disetujui</translation>
    </message>
    <message>
        <source>Desk checks</source>
        <translation>Pemeriksaan meja</translation>
    </message>
    <message>
        <source>Checked %1 households and %2 active proposals in %3 s.
Findings: %4 blockers, %5 warnings, %6 for information.</source>
        <translation>Memeriksa %1 keluarga dan %2 usulan aktif dalam %3 detik.
Temuan: %4 penghalang, %5 peringatan, %6 informasi.</translation>
    </message>
    <message>
        <source>Running the desk checks…</source>
        <translation>Menjalankan pemeriksaan meja…</translation>
    </message>
    <message>
        <source>Verification queue</source>
        <translation>Antrean verifikasi</translation>
    </message>
    <message>
        <source>New proposals…</source>
        <translation>Usulan baru…</translation>
    </message>
    <message>
        <source>New proposals from the map selection…</source>
        <translation>Usulan baru dari pilihan di peta…</translation>
    </message>
    <message>
        <source>Run desk checks</source>
        <translation>Jalankan pemeriksaan meja</translation>
    </message>
    <message>
        <source>Approve top N within quota…</source>
        <translation>Setujui N teratas dalam kuota…</translation>
    </message>
    <message>
        <source>Show selected on the map</source>
        <translation>Tampilkan pilihan di peta</translation>
    </message>
    <message>
        <source>New proposals for the selection…</source>
        <translation>Usulan baru untuk pilihan…</translation>
    </message>
    <message>
        <source>Open the intake with the No. KK of the households selected on the map</source>
        <translation>Buka formulir usulan baru berisi No. KK keluarga yang dipilih di peta</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Priority</source>
        <translation>Prioritas</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nama</translation>
    </message>
    <message>
        <source>NIK</source>
        <translation>NIK</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Program</translation>
    </message>
    <message>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <source>RT/RW</source>
        <translation>RT/RW</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Temuan</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Menunggu</translation>
    </message>
    <message>
        <source>Field officer</source>
        <translation>Petugas lapangan</translation>
    </message>
    <message>
        <source>%1 blocker(s)</source>
        <translation>%1 penghalang</translation>
    </message>
    <message>
        <source>%1 warning(s)</source>
        <translation>%1 peringatan</translation>
    </message>
    <message>
        <source>%1 day(s)</source>
        <translation>%1 hari</translation>
    </message>
</context>
<context>
    <name>QueueWidget</name>
    <message>
        <source>Choose a period first: visits are sent per period.</source>
        <translation>Pilih periode dulu: kunjungan dikirim per periode.</translation>
    </message>
    <message>
        <source>All programs</source>
        <translation>Semua program</translation>
    </message>
    <message>
        <source>All periods</source>
        <translation>Semua periode</translation>
    </message>
    <message>
        <source>%1 proposal(s)</source>
        <translation>%1 usulan</translation>
    </message>
    <message>
        <source>%1 proposals selected</source>
        <translation>%1 usulan dipilih</translation>
    </message>
    <message>
        <source>Why? The reason is kept with the proposal (%1 selected).</source>
        <translation>Mengapa? Alasannya disimpan bersama usulan (%1 dipilih).</translation>
    </message>
    <message>
        <source>All kelurahan</source>
        <translation>Semua kelurahan</translation>
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
        <source>Search NIK, No. KK or name</source>
        <translation>Cari NIK, No. KK atau nama</translation>
    </message>
    <message>
        <source>Highest priority first</source>
        <translation>Prioritas tertinggi dulu</translation>
    </message>
    <message>
        <source>Oldest first</source>
        <translation>Terlama dulu</translation>
    </message>
    <message>
        <source>Only with blockers</source>
        <translation>Hanya yang ada penghalang</translation>
    </message>
    <message>
        <source>New proposals…</source>
        <translation>Usulan baru…</translation>
    </message>
    <message>
        <source>Approve top N…</source>
        <translation>Setujui N teratas…</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Lainnya</translation>
    </message>
    <message>
        <source>Run desk checks again</source>
        <translation>Jalankan pemeriksaan meja lagi</translation>
    </message>
</context>
<context>
    <name>QuotaBar</name>
    <message>
        <source>%1: %2 of %3 used, %4 left</source>
        <translation>%1: %2 dari %3 terpakai, sisa %4</translation>
    </message>
</context>
<context>
    <name>QuotaBars</name>
    <message>
        <source>Quota: %1</source>
        <translation>Kuota: %1</translation>
    </message>
    <message>
        <source>Quota: no quota set for this period</source>
        <translation>Kuota: periode ini belum punya kuota</translation>
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
    <name>RegisterController</name>
    <message>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>Keluarga baru</translation>
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
    <name>RegistryDialog</name>
    <message>
        <source>withdrawn</source>
        <translation>ditarik</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>berlaku</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ya</translation>
    </message>
    <message>
        <source>no</source>
        <translation>tidak</translation>
    </message>
    <message>
        <source>Withdraw letter</source>
        <translation>Tarik surat</translation>
    </message>
    <message>
        <source>Why is letter {number} withdrawn? It stays in the registry and its number is never used again.</source>
        <translation>Mengapa surat {number} ditarik? Surat tetap tercatat di register dan nomornya tidak akan dipakai lagi.</translation>
    </message>
    <message>
        <source>Letter registry</source>
        <translation>Register surat</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nomor</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Tanggal</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Surat</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Ttd elektronik</translation>
    </message>
    <message>
        <source>Proposals</source>
        <translation>Usulan</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Hal</translation>
    </message>
    <message>
        <source>Open / reprint</source>
        <translation>Buka / cetak ulang</translation>
    </message>
    <message>
        <source>Withdraw…</source>
        <translation>Tarik…</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <source>The two passwords are not the same; type them again.</source>
        <translation>Kedua kata sandi tidak sama; ketik ulang.</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>Atur ulang kata sandi</translation>
    </message>
    <message>
        <source>Set a new password for {name}. Tell it to them in person; they must choose their own at the next sign-in, and a lock after failed sign-ins is lifted.</source>
        <translation>Tetapkan kata sandi baru untuk {name}. Sampaikan langsung kepadanya; ia wajib memilih kata sandinya sendiri saat masuk berikutnya, dan kunci karena gagal masuk dibuka.</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>Kata sandi &amp;baru:</translation>
    </message>
    <message>
        <source>&amp;Repeat new password:</source>
        <translation>&amp;Ulangi kata sandi baru:</translation>
    </message>
    <message>
        <source>&amp;Reset password</source>
        <translation>&amp;Atur ulang kata sandi</translation>
    </message>
</context>
<context>
    <name>ScopePicker</name>
    <message>
        <source>&amp;Whole city</source>
        <translation>&amp;Seluruh kota</translation>
    </message>
    <message>
        <source>Only the checked &amp;kecamatan and kelurahan:</source>
        <translation>Hanya &amp;kecamatan dan kelurahan yang dicentang:</translation>
    </message>
</context>
<context>
    <name>SelectionListDialog</name>
    <message>
        <source>Selected households ({n})</source>
        <translation>Keluarga terpilih ({n})</translation>
    </message>
    <message>
        <source>Reading {n} households…</source>
        <translation>Membaca {n} keluarga…</translation>
    </message>
    <message>
        <source>{n} households selected on the map. Pick rows to mark them on the map; double-click a row or press Enter to open the household.</source>
        <translation>{n} keluarga dipilih di peta. Pilih baris untuk menandainya di peta; klik dua kali sebuah baris atau tekan Enter untuk membuka keluarga itu.</translation>
    </message>
    <message>
        <source>No households selected: select some on the map with Select box or Select lasso.</source>
        <translation>Belum ada keluarga dipilih: pilih di peta dengan Pilih kotak atau Pilih laso.</translation>
    </message>
    <message>
        <source>Open household</source>
        <translation>Buka keluarga</translation>
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
    <message>
        <source>Only an administrator can change the office, letterhead and signatory settings; they are shown here to read.</source>
        <translation>Hanya administrator yang dapat mengubah pengaturan kantor, kop surat dan penanda tangan; di sini hanya ditampilkan untuk dibaca.</translation>
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
    <name>SpatialReportDialog</name>
    <message>
        <source>Longitude/latitude swapped</source>
        <translation>Bujur/lintang tertukar</translation>
    </message>
    <message>
        <source>Outside Indonesia</source>
        <translation>Di luar Indonesia</translation>
    </message>
    <message>
        <source>Outside the office&apos;s region</source>
        <translation>Di luar wilayah kantor</translation>
    </message>
    <message>
        <source>Outside its kelurahan</source>
        <translation>Di luar kelurahan yang tercatat</translation>
    </message>
    <message>
        <source>Possible duplicate household</source>
        <translation>Kemungkinan keluarga ganda</translation>
    </message>
    <message>
        <source>Spatial check</source>
        <translation>Pemeriksaan spasial</translation>
    </message>
    <message>
        <source>{checked} households with a location checked ({missing} without one), distances in {crs}.</source>
        <translation>{checked} keluarga berkoordinat diperiksa ({missing} tanpa koordinat), jarak diukur dalam {crs}.</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Temuan</translation>
    </message>
    <message>
        <source>No. KK</source>
        <translation>No. KK</translation>
    </message>
    <message>
        <source>Head of household</source>
        <translation>Kepala keluarga</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Keterangan</translation>
    </message>
    <message>
        <source>Show on map</source>
        <translation>Tampilkan di peta</translation>
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
        <source>Rejected by the Camat</source>
        <translation>Ditolak Camat</translation>
    </message>
    <message>
        <source>In a letter</source>
        <translation>Dalam surat</translation>
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
    <message>
        <source>Approved by the Camat</source>
        <translation>Disetujui Camat</translation>
    </message>
    <message>
        <source>Accepted by the Dinas</source>
        <translation>Diterima Dinas</translation>
    </message>
</context>
<context>
    <name>UserAdmin</name>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Field officer</source>
        <translation>Petugas lapangan</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Peninjau</translation>
    </message>
    <message>
        <source>Signatory (Camat)</source>
        <translation>Penanda tangan (Camat)</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>register, proposals and desk checks</source>
        <translation>register, usulan dan pemeriksaan meja</translation>
    </message>
    <message>
        <source>field results of the proposals assigned to them</source>
        <translation>hasil lapangan usulan yang ditugaskan kepadanya</translation>
    </message>
    <message>
        <source>return or recommend proposals</source>
        <translation>mengembalikan atau merekomendasikan usulan</translation>
    </message>
    <message>
        <source>approve proposals, sign letters</source>
        <translation>menyetujui usulan, menandatangani surat</translation>
    </message>
    <message>
        <source>users, settings, reference data and the audit log</source>
        <translation>pengguna, pengaturan, data rujukan dan catatan audit</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>Seluruh kota</translation>
    </message>
</context>
<context>
    <name>UserAdminWidget</name>
    <message>
        <source>Disabled</source>
        <translation>Nonaktif</translation>
    </message>
    <message>
        <source>Locked until {time}</source>
        <translation>Terkunci sampai {time}</translation>
    </message>
    <message>
        <source>Must change password</source>
        <translation>Wajib ganti kata sandi</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Aktif</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Aktifkan</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Nonaktifkan</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Cari:</translation>
    </message>
    <message>
        <source>user name or full name, then Enter</source>
        <translation>nama pengguna atau nama lengkap, lalu Enter</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nama pengguna</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Nama lengkap</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Area of work</source>
        <translation>Wilayah kerja</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Add user…</source>
        <translation>&amp;Tambah pengguna…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Ubah…</translation>
    </message>
    <message>
        <source>&amp;Reset password…</source>
        <translation>Atur &amp;ulang kata sandi…</translation>
    </message>
</context>
<context>
    <name>UserEditDialog</name>
    <message>
        <source>Choose at least one role.</source>
        <translation>Pilih paling sedikit satu peran.</translation>
    </message>
    <message>
        <source>Check at least one kecamatan or kelurahan, or choose the whole city.</source>
        <translation>Centang paling sedikit satu kecamatan atau kelurahan, atau pilih seluruh kota.</translation>
    </message>
    <message>
        <source>The two passwords are not the same; type them again.</source>
        <translation>Kedua kata sandi tidak sama; ketik ulang.</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Tambah pengguna</translation>
    </message>
    <message>
        <source>Edit user {name}</source>
        <translation>Ubah pengguna {name}</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Nama pengguna:</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>Nama &amp;lengkap:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Kata sandi:</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>&amp;Ulangi kata sandi:</translation>
    </message>
    <message>
        <source>for example siti.aminah</source>
        <translation>misalnya siti.aminah</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>Peran</translation>
    </message>
    <message>
        <source>Area of work</source>
        <translation>Wilayah kerja</translation>
    </message>
</context>
</TS>
